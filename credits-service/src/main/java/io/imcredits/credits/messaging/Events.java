package io.imcredits.credits.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.credits.Money;

/** The data of the events this service reads and writes, as the README's events table defines them. */
public final class Events {

    private Events() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomerRegistered(UUID customerId, UUID partnerId, String currency) {
    }

    /** expiresAt: when the purchased credits can no longer be spent; absent when they never expire. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreditsPurchased(UUID orderId, UUID customerId, long credits, Money amount, Instant expiresAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenseUpdated(UUID orderId, UUID customerId, List<AddOn> addOns) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record AddOn(String code, String kind, int quantity) {
        }

        /** Whether the post-paid IM add-on is on after this update. */
        public boolean postpaid() {
            return addOns != null && addOns.stream().anyMatch(addOn -> "POSTPAID".equals(addOn.kind()) && addOn.quantity() > 0);
        }
    }

    public record CreditsGranted(UUID orderId, UUID customerId, Money amount, Money available) {
    }

    public record CreditsLow(UUID customerId, Money available, Money threshold) {
    }

    public record CreditsExhausted(UUID customerId, Money available) {
    }

    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt) {
    }
}
