package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.Subscription;

/** A change waiting for the period end (effectiveAt); null fields stay as they are. */
public record ScheduledChangeView(UUID customerId, String planCode, Integer agents, String billingCycle, List<String> removeAddOns,
        boolean cancel, Instant effectiveAt, Instant scheduledAt) {

    static ScheduledChangeView from(Subscription s) {
        return new ScheduledChangeView(s.customerId, s.scheduledPlanCode, s.scheduledAgents,
                s.scheduledBillingCycle == null ? null : s.scheduledBillingCycle.name(),
                s.scheduledRemoveAddOns == null ? List.of() : s.scheduledRemoveAddOns, s.scheduledCancel, s.periodEnd, s.scheduledAt);
    }
}
