package io.imcredits.credits;

import java.time.Instant;
import java.util.UUID;

import io.imcredits.credits.outbox.ExportedEvent;

/**
 * What this service publishes on credits.events: the data of each event, as the README's table lists it.
 * A record's type on the wire is its simple name, so the type is never written twice.
 */
public final class PublishedEvents {

    private PublishedEvents() {}

    public record CreditsGranted(UUID orderId, UUID customerId, Money amount, Money available) implements ExportedEvent {}

    public record CreditsLow(UUID customerId, Money available, Money threshold) implements ExportedEvent {}

    /**
     * The balance crossed the auto-recharge threshold (see BalanceChange.crossed): subscription-service buys credits.
     * crossingId: "customerId:seq" (the ledger entry whose change crossed) or "customerId:config:version" (a setting that
     * put the balance below the line); unique per crossing, the same on every delivery.
     */
    public record AutoRechargeTriggered(UUID customerId, String crossingId, Money available, Money threshold) implements ExportedEvent {}

    public record CreditsExhausted(UUID customerId, Money available) implements ExportedEvent {}

    /** country and category: what billing groups an invoice by (the message's destination and WhatsApp category). */
    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt,
            String country, String category) implements ExportedEvent {}
}
