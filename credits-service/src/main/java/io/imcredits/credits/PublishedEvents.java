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

    public record CreditsExhausted(UUID customerId, Money available) implements ExportedEvent {}

    /** country and category: what billing groups an invoice by (the message's destination and WhatsApp category). */
    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt,
            String country, String category) implements ExportedEvent {}
}
