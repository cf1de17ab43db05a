package io.imcredits.subscription.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.subscription.Money;
import io.imcredits.subscription.Subscription;
import io.imcredits.subscription.Subscriptions.Overview;

/**
 * A customer's subscription: what the partner checks before upgrading. currentPeriodEnd (= renewalDate) is the day the
 * current period (or the trial) ends; currentPeriod has the exact instants. status and standing are the same value.
 */
public record SubscriptionView(UUID customerId, String planCode, String billingCycle, int agents,
        List<Subscription.AddOnQuantity> addOns, String status, String currency, String payer,
        LocalDate currentPeriodStart, LocalDate currentPeriodEnd, LocalDate renewalDate,
        boolean cardOnFile, int version, Instant updatedAt,
        @Schema(description = "ACTIVE, PAST_DUE (a renewal or post-paid charge is being retried), SUSPENDED "
                + "(retries used up: no upgrades, only prepaid IM credits; no post-paid allowance), CANCELLED") String standing,
        @Schema(description = "When the free trial ends (and the first paid period begins); null without a trial") Instant trialEndsAt,
        Period currentPeriod,
        @Schema(description = "The next charge: at the period end, or the next dunning retry; null when nothing renews") NextRenewal nextRenewal,
        @Schema(description = "A downgrade or cancellation waiting for the period end; null when none") ScheduledChangeView scheduledChange) {

    public record Period(Instant start, Instant end) {}

    public record NextRenewal(Instant at, Money amount) {}

    static SubscriptionView from(Overview overview) {
        Subscription s = overview.subscription();
        LocalDate start = LocalDate.ofInstant(s.periodStart, ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(s.periodEnd, ZoneOffset.UTC);
        NextRenewal next = overview.nextRenewalAt() == null && overview.nextRenewalAmount() == null ? null
                : new NextRenewal(overview.nextRenewalAt(), overview.nextRenewalAmount());
        return new SubscriptionView(s.customerId, s.planCode, s.billingCycle.name(), s.agents, overview.addOns(), s.status.name(),
                s.currency, s.payer, start, end, end, overview.cardOnFile(), s.version, s.updatedAt,
                s.status.name(), s.trialEndsAt, new Period(s.periodStart, s.periodEnd), next,
                s.hasScheduledChange() ? ScheduledChangeView.from(s) : null);
    }
}
