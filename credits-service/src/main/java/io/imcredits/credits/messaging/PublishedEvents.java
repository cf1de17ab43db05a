package io.imcredits.credits.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.imcredits.credits.Money;

/**
 * What this service publishes on credits.events: the data of each event, as the README's table lists it.
 * A record's type on the wire is its simple name, so the type is never written twice.
 */
public final class PublishedEvents {

    private PublishedEvents() {}

    /** An event this service publishes; Outbox.publish takes its type from the record. */
    public interface Event {
        /** The event's type on the wire: the record's simple name. */
        @JsonIgnore
        default String type() {
            return getClass().getSimpleName();
        }
    }

    public record CreditsGranted(UUID orderId, UUID customerId, Money amount, Money available) implements Event {}

    public record CreditsLow(UUID customerId, Money available, Money threshold) implements Event {}

    public record CreditsExhausted(UUID customerId, Money available) implements Event {}

    /** country and category: what billing groups an invoice by (the message's destination and WhatsApp category). */
    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt,
            String country, String category) implements Event {}
}
