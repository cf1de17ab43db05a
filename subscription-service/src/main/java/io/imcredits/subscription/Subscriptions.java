package io.imcredits.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The catalog, customers' subscriptions, quotes against them and changes scheduled for the period end. */
@ApplicationScoped
public class Subscriptions {

    /** What the partner checks before upgrading. nextRenewalAt/Amount: null when nothing renews (cancelled, or cannot be priced). */
    public record Overview(Subscription subscription, BillingPeriod period, List<Subscription.AddOnQuantity> addOns,
            boolean cardOnFile, Instant nextRenewalAt, Money nextRenewalAmount) {}

    /** A downgrade or cancellation for the period end; null fields change nothing. */
    public record ScheduledChange(String planCode, Integer agents, BillingPeriod.Cycle billingCycle, List<String> removeAddOns,
            boolean cancel) {}

    private final SubscriptionConfig config;
    private final Clock clock;

    Subscriptions(SubscriptionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Catalog catalog() {
        return Catalog.load(CreditTerms.from(config.credits()));
    }

    /**
     * Opens the subscription of a newly registered customer on a free trial: the plan it names (or the default plan)
     * with at most trial.max-agents licenses and no add-ons. More is bought by quote and Update License; the trial's
     * end renews it like any period, so nothing paid is ever given without a charge.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID customerId, String planCode, Integer agents, String currency, String payer) {
        if (Subscription.findOf(customerId).isPresent()) {
            Log.infof("Subscription of customer %s already exists; kept as it is", customerId);
            return;
        }
        String plan = planCode != null && CatalogPlan.findByIdOptional(planCode).isPresent() ? planCode : config.defaultPlan();
        if (!plan.equals(planCode)) Log.warnf("Customer %s registered with plan %s that we do not sell: opened on %s", customerId, planCode, plan);
        String money = currency == null ? "USD" : currency;
        if (currency == null) Log.warnf("Customer %s registered without a currency: opened in USD", customerId);
        int licenses = Math.min(agents == null || agents < 1 ? 1 : agents, config.trial().maxAgents());
        if (agents != null && agents > licenses) {
            Log.infof("Customer %s registered with %d agents: the trial has %d; more are bought by a license update", customerId, agents, licenses);
        }
        Subscription opened = Subscription.open(customerId, plan, licenses, money, payer == null ? "PARTNER" : payer, clock.instant(),
                config.trial().length());
        Log.infof("Subscription opened for customer %s: %s, %d agents, %s, trial until %s", customerId, plan, opened.agents, money,
                opened.trialEndsAt);
    }

    public Overview get(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = subscriptionOf(customerId);
        Renewal unpaid = Renewal.find("customerId = ?1 and status <> ?2", customerId, Renewal.Status.PAID).firstResult();
        return overview(catalog(), subscription, unpaid, CardOnFile.existsFor(customerId));
    }

    /**
     * The caller's subscriptions, by customer id, each as get answers it: a partner's own customers only (an id of another
     * partner's customer in customerIds simply matches nothing, and so does another partner's partnerId), every
     * subscription for ops (partnerId narrows it). Desk never lists.
     */
    public Page<Overview> list(Caller caller, UUID partnerId, Collection<UUID> customerIds, int page, int size) {
        UUID partner = partnerId;
        if (!caller.ops()) {
            UUID own = caller.requirePartner();
            if (partnerId != null && !partnerId.equals(own)) return new Page<>(List.of(), page, size, 0);
            partner = own;
        }
        Page<Subscription.Listed> listed = Subscription.list(new Subscription.Filter(partner, customerIds), page, size);
        Catalog catalog = listed.items().isEmpty() ? null : catalog();
        return listed.map(item -> overview(catalog, item.subscription(), item.unpaid(), item.cardOnFile()));
    }

    /** unpaid: the renewal not yet paid (null when none); it is the next charge, else the period end's renewal is. */
    private static Overview overview(Catalog catalog, Subscription subscription, Renewal unpaid, boolean cardOnFile) {
        Instant nextAt = null;
        Money nextAmount = null;
        if (unpaid != null) {
            nextAt = unpaid.nextAttemptAt;
            nextAmount = priceOrNull(catalog, unpaid.configuration(), subscription.currency);
        } else if (subscription.status != Subscription.Status.CANCELLED && !subscription.scheduledCancel) {
            nextAt = subscription.periodEnd;
            nextAmount = priceOrNull(catalog, Renewals.nextConfiguration(catalog, subscription), subscription.currency);
        }
        return new Overview(subscription, subscription.period(), subscription.addOnQuantities(catalog), cardOnFile, nextAt, nextAmount);
    }

    private static Money priceOrNull(Catalog catalog, Renewal.Configuration configuration, String currency) {
        try {
            return new QuotePricing(catalog).renewal(configuration, currency).total();
        } catch (Unprocessable noPrice) {
            return null;
        }
    }

    /** Prices a change and keeps the quote for confirmation; nothing about the subscription changes yet. */
    @Transactional
    public Quote quote(Caller caller, UUID customerId, QuotePricing.Change change) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = subscriptionOf(customerId);
        if (subscription.status == Subscription.Status.CANCELLED) {
            throw new Conflict("The subscription of customer " + customerId + " is cancelled; nothing can be bought for it");
        }
        boolean onlyCredits = change.planCode() == null && change.agents() == null && change.addOns().isEmpty();
        if (subscription.status == Subscription.Status.SUSPENDED && !onlyCredits) {
            throw new Conflict("The subscription of customer " + customerId + " is suspended for an unpaid charge: only prepaid IM credits "
                    + "can be bought until it is paid (a new card on file retries it)");
        }
        Instant now = clock.instant();
        // once the period is over (or its renewal is being charged) an upgrade has no days left to prorate, and the renewal
        // would overwrite it: upgrades wait until the renewal is paid; prepaid credits never wait
        boolean renewalUnpaid = !subscription.periodEnd.isAfter(now)
                || Renewal.count("customerId = ?1 and status <> ?2", customerId, Renewal.Status.PAID) > 0;
        if (renewalUnpaid && !onlyCredits) {
            throw new Conflict("The renewal of this subscription's period is not paid yet: only prepaid IM credits can be bought until it is");
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        QuotePricing.Priced priced = new QuotePricing(catalog()).quote(subscription.current(), change, today);
        Quote quote = Quote.of(subscription, owner.partnerId, change, priced, now, now.plus(config.quoteTtl()));
        Log.infof("Quote %s for customer %s: %s total, %d lines", quote.id, customerId, priced.total(), priced.lines().size());
        return quote;
    }

    public Quote getQuote(Caller caller, UUID customerId, UUID quoteId) {
        CustomerOwner.visibleTo(caller, customerId);
        return Quote.findFor(customerId, quoteId).orElseThrow(() -> new NotFound("No quote " + quoteId + " for customer " + customerId));
    }

    /**
     * Schedules a downgrade (lower plan, fewer agents, add-ons removed, another billing cycle) or a cancellation for the
     * period end: nothing is refunded, the renewal charges the new configuration (a cancellation stops renewing).
     */
    @Transactional
    public Subscription schedule(Caller caller, UUID customerId, ScheduledChange change) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = Subscription.lockOf(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
        if (subscription.status == Subscription.Status.CANCELLED) throw new Conflict("The subscription of customer " + customerId + " is already cancelled");
        if (subscription.hasScheduledChange()) {
            throw new Conflict("A change is already scheduled for " + subscription.periodEnd + "; withdraw it (DELETE) before scheduling another");
        }
        if (Renewal.count("customerId = ?1 and status <> ?2", customerId, Renewal.Status.PAID) > 0) {
            throw new Conflict("The renewal of this period is being charged; schedule the change once it is paid");
        }
        List<String> remove = change.removeAddOns() == null ? List.of() : List.copyOf(new LinkedHashSet<>(change.removeAddOns()));
        boolean other = change.planCode() != null || change.agents() != null || change.billingCycle() != null || !remove.isEmpty();
        if (change.cancel() && other) throw new Unprocessable("cancel", "A cancellation ends the subscription: send it without other changes");
        Catalog catalog = catalog();
        String plan = null;
        if (change.planCode() != null && !change.planCode().equals(subscription.planCode)) {
            Catalog.Plan target = catalog.plan(change.planCode())
                    .orElseThrow(() -> new Unprocessable("planCode", "There is no plan " + change.planCode() + "; GET /api/plans lists them"));
            if (target.rank() > catalog.plan(subscription.planCode).orElseThrow().rank()) {
                throw new Unprocessable("planCode", change.planCode() + " is an upgrade from " + subscription.planCode
                        + ": upgrades apply at once, by a quote and Update License");
            }
            plan = target.code();
        }
        Integer agents = null;
        if (change.agents() != null && change.agents() != subscription.agents) {
            if (change.agents() > subscription.agents) {
                throw new Unprocessable("agents", "More agents (" + subscription.agents + " → " + change.agents()
                        + ") is an upgrade: it applies at once, by a quote and Update License");
            }
            agents = change.agents();
        }
        for (String code : remove) {
            if (subscription.addOns.getOrDefault(code, 0) == 0) {
                throw new Unprocessable("removeAddOns", "The subscription has no add-on " + code + " to remove");
            }
        }
        BillingPeriod.Cycle cycle = change.billingCycle() == subscription.billingCycle ? null : change.billingCycle();
        if (!change.cancel() && plan == null && agents == null && cycle == null && remove.isEmpty()) {
            throw new Unprocessable(null, "This change changes nothing: ask for a lower plan, fewer agents, add-ons removed, "
                    + "another billing cycle or a cancellation");
        }
        subscription.scheduledPlanCode = plan;
        subscription.scheduledAgents = agents;
        subscription.scheduledBillingCycle = cycle;
        subscription.scheduledRemoveAddOns = remove.isEmpty() ? null : remove;
        subscription.scheduledCancel = change.cancel();
        subscription.scheduledAt = clock.instant();
        Log.infof("Customer %s: %s scheduled for %s", customerId, change.cancel() ? "cancellation" : "downgrade", subscription.periodEnd);
        return subscription;
    }

    public Subscription scheduled(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = subscriptionOf(customerId);
        if (!subscription.hasScheduledChange()) throw new NotFound("No change is scheduled for customer " + customerId);
        return subscription;
    }

    @Transactional
    public void withdraw(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = Subscription.lockOf(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
        if (!subscription.hasScheduledChange()) throw new NotFound("No change is scheduled for customer " + customerId);
        subscription.clearScheduledChange();
        Log.infof("Customer %s: scheduled change withdrawn", customerId);
    }

    static Subscription subscriptionOf(UUID customerId) {
        return Subscription.findOf(customerId).orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
    }
}
