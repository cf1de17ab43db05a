package io.imcredits.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.outbox.ExportedEvent;

/**
 * Every event this service publishes on subscription.events (the README's events table is the contract). The
 * record's simple name is the event's type, so a type can no longer be misspelt apart from its data.
 */
public final class PublishedEvents {

    /** The purchase saga's request to billing: charge this order (a purchase, or a renewal for periodStart – periodEnd). */
    public record LicenseUpdateRequested(UUID orderId, UUID customerId, UUID partnerId, String payer, List<QuotePricing.Line> lines,
            Money subtotal, Money fee, Money total, int imCredits, String kind, Instant periodStart,
            Instant periodEnd) implements ExportedEvent {}

    public record LicenseUpdated(UUID orderId, UUID customerId, String planCode, int agents, List<Subscription.AddOnQuantity> addOns)
            implements ExportedEvent {}

    /** expiresAt: when the credits can no longer be spent; null when they never expire. */
    public record CreditsPurchased(UUID orderId, UUID customerId, int credits, Money amount, Instant expiresAt) implements ExportedEvent {}

    public record RefundRequested(UUID orderId, UUID customerId, String reason, String chargeId) implements ExportedEvent {}

    public record SubscriptionRenewed(UUID customerId, UUID orderId, String planCode, int agents, Instant periodStart,
            Instant periodEnd, Money total) implements ExportedEvent {}

    public record RenewalFailed(UUID customerId, UUID orderId, String reason, int attempt, Instant nextAttemptAt, boolean finalAttempt)
            implements ExportedEvent {}

    public record SubscriptionStandingChanged(UUID customerId, Subscription.Status standing, Subscription.Status previous, String reason)
            implements ExportedEvent {}

    /** Auto-recharge's settings for credits-service: arm (or disarm) the threshold; a version lower than the one it has is stale. */
    public record AutoRechargeConfigured(UUID customerId, boolean enabled, Money threshold, int version) implements ExportedEvent {}

    /** An automatic order was placed for a crossing of the threshold (its LicenseUpdateRequested goes with it). */
    public record AutoRechargeStarted(UUID customerId, UUID orderId, String crossingId, int credits, Money total) implements ExportedEvent {}

    public record AutoRechargeCompleted(UUID customerId, UUID orderId, int credits, Money total) implements ExportedEvent {}

    /** orderId: null when no order could be made; willRetry: whether a new card on file retries the crossing. */
    public record AutoRechargeFailed(UUID customerId, UUID orderId, String crossingId, String reason, int failuresInARow, boolean willRetry)
            implements ExportedEvent {}

    /** No order for this crossing: MONTHLY_CAP_REACHED, RETRY_LIMIT_REACHED, SUBSCRIPTION_NOT_ACTIVE or ORDER_PENDING. */
    public record AutoRechargeSkipped(UUID customerId, String crossingId, String reason, int rechargesThisMonth, Money amountThisMonth)
            implements ExportedEvent {}

    public record AutoRechargeDisabled(UUID customerId, String reason, int failuresInARow) implements ExportedEvent {}

    private PublishedEvents() {}
}
