package io.imcredits.subscription.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.imcredits.subscription.Money;
import io.imcredits.subscription.QuotePricing;
import io.imcredits.subscription.Subscription;

/**
 * Every event this service publishes on subscription.events (the README's events table is the contract). The
 * record's simple name is the event's type, so a type can no longer be misspelt apart from its data.
 */
public final class PublishedEvents {

    /** An event this service publishes. */
    public interface Event {
        /** The event's type on the wire: the record's simple name. */
        @JsonIgnore
        default String type() {
            return getClass().getSimpleName();
        }
    }

    /** The purchase saga's request to billing: charge this order (a purchase, or a renewal for periodStart – periodEnd). */
    public record LicenseUpdateRequested(UUID orderId, UUID customerId, UUID partnerId, String payer, List<QuotePricing.Line> lines,
            Money subtotal, Money fee, Money total, int imCredits, String kind, Instant periodStart,
            Instant periodEnd) implements Event {}

    public record LicenseUpdated(UUID orderId, UUID customerId, String planCode, int agents, List<Subscription.AddOnQuantity> addOns)
            implements Event {}

    /** expiresAt: when the credits can no longer be spent; null when they never expire. */
    public record CreditsPurchased(UUID orderId, UUID customerId, int credits, Money amount, Instant expiresAt) implements Event {}

    public record RefundRequested(UUID orderId, UUID customerId, String reason, String chargeId) implements Event {}

    public record SubscriptionRenewed(UUID customerId, UUID orderId, String planCode, int agents, Instant periodStart,
            Instant periodEnd, Money total) implements Event {}

    public record RenewalFailed(UUID customerId, UUID orderId, String reason, int attempt, Instant nextAttemptAt, boolean finalAttempt)
            implements Event {}

    public record SubscriptionStandingChanged(UUID customerId, Subscription.Status standing, Subscription.Status previous, String reason)
            implements Event {}

    private PublishedEvents() {}
}
