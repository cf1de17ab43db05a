package io.imcredits.billing.messaging;

import java.util.UUID;

import io.imcredits.billing.Money;

/** What this service publishes on billing.events: the data of each event, as the README's table lists it. */
public final class BillingEvents {

    private BillingEvents() {
    }

    public record PaymentSucceeded(UUID orderId, UUID chargeId, UUID invoiceId, Money amount) {
    }

    /** reason: DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD, NO_CARD, GATEWAY_UNAVAILABLE. */
    public record PaymentFailed(UUID orderId, String reason, String message) {
    }

    public record CardUpdated(UUID customerId, String brand, String last4, int expMonth, int expYear, String payer) {
    }

    public record CardRemoved(UUID customerId) {
    }

    public record InvoiceIssued(UUID invoiceId, String number, UUID orderId, UUID customerId, String payer, Money total) {
    }

    public record PaymentRefunded(UUID orderId, UUID chargeId, Money amount) {
    }

    /** After each failed attempt of a post-paid charge; finalAttempt: no retry is left (the charge stays unpaid). */
    public record PostpaidChargeFailed(UUID customerId, UUID chargeId, Money amount, String reason, int attempt, boolean finalAttempt) {
    }

    /** A post-paid charge paid after at least one failed attempt: the customer is no longer past due for it. */
    public record PostpaidChargeSucceeded(UUID customerId, UUID chargeId, Money amount) {
    }
}
