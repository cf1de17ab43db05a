package io.imcredits.credits.messaging;

import java.time.Instant;
import java.util.UUID;

import io.imcredits.credits.Money;

/** What this service publishes on credits.events: the data of each event, as the README's table lists it. */
public final class CreditsEvents {

    private CreditsEvents() {
    }

    public record CreditsGranted(UUID orderId, UUID customerId, Money amount, Money available) {
    }

    public record CreditsLow(UUID customerId, Money available, Money threshold) {
    }

    public record CreditsExhausted(UUID customerId, Money available) {
    }

    /** country and category: what billing groups an invoice by (the message's destination and WhatsApp category). */
    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt,
                                        String country, String category) {
    }
}
