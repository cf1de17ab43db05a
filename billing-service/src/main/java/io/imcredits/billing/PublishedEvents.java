package io.imcredits.billing;

import java.util.UUID;

import io.imcredits.billing.outbox.ExportedEvent;

/**
 * What this service publishes on billing.events: the data of each event, as the README's table lists it.
 * Each record names its own type, so a type on the wire can never disagree with its data.
 */
public final class PublishedEvents {

    private PublishedEvents() {}

    public record PaymentSucceeded(UUID orderId, UUID chargeId, UUID invoiceId, Money amount) implements ExportedEvent {}

    /** reason: DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD, NO_CARD, GATEWAY_UNAVAILABLE. */
    public record PaymentFailed(UUID orderId, String reason, String message) implements ExportedEvent {}

    public record CardUpdated(UUID customerId, String brand, String last4, int expMonth, int expYear, String payer) implements ExportedEvent {}

    public record CardRemoved(UUID customerId) implements ExportedEvent {}

    public record InvoiceIssued(UUID invoiceId, String number, UUID orderId, UUID customerId, String payer, Money total) implements ExportedEvent {}

    public record PaymentRefunded(UUID orderId, UUID chargeId, Money amount) implements ExportedEvent {}

    /** After each failed attempt of a post-paid charge; finalAttempt: no retry is left (the charge stays unpaid). */
    public record PostpaidChargeFailed(UUID customerId, UUID chargeId, Money amount, String reason, int attempt, boolean finalAttempt)
            implements ExportedEvent {}

    /** A post-paid charge paid after at least one failed attempt: the customer is no longer past due for it. */
    public record PostpaidChargeSucceeded(UUID customerId, UUID chargeId, Money amount) implements ExportedEvent {}
}
