package io.imcredits.subscription.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.Subscription;
import io.imcredits.subscription.SubscriptionService.Overview;

/** A customer's subscription: what the partner checks before upgrading. The period end is the renewal date. */
public record SubscriptionView(UUID customerId, String planCode, String billingCycle, int agents,
                               List<Subscription.AddOnQuantity> addOns, String status, String currency, String payer,
                               LocalDate currentPeriodStart, LocalDate currentPeriodEnd, LocalDate renewalDate,
                               boolean cardOnFile, int version, Instant updatedAt) {

    static SubscriptionView from(Overview overview) {
        Subscription s = overview.subscription();
        return new SubscriptionView(s.customerId, s.planCode, s.billingCycle.name(), s.agents, overview.addOns(), s.status.name(),
                s.currency, s.payer, overview.period().start(), overview.period().end(), overview.period().end(),
                overview.cardOnFile(), s.version, s.updatedAt);
    }
}
