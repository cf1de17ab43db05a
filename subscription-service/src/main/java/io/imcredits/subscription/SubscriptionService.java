package io.imcredits.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The catalog, customers' subscriptions and quotes against them. */
@ApplicationScoped
public class SubscriptionService {

    /** What the partner checks before upgrading. */
    public record Overview(Subscription subscription, BillingPeriod period, List<Subscription.AddOnQuantity> addOns,
                           boolean cardOnFile) {
    }

    private final SubscriptionConfig config;

    SubscriptionService(SubscriptionConfig config) {
        this.config = config;
    }

    public Catalog catalog() {
        return Catalog.load(CreditTerms.from(config.credits()));
    }

    /** Opens the subscription of a newly registered customer, on the plan it names (or the default plan). */
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
        Subscription opened = Subscription.open(customerId, plan, agents == null || agents < 1 ? 1 : agents, money,
                payer == null ? "PARTNER" : payer, LocalDate.now(ZoneOffset.UTC));
        Log.infof("Subscription opened for customer %s: %s, %d agents, %s", customerId, plan, opened.agents, money);
    }

    public Overview get(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = subscriptionOf(customerId);
        return new Overview(subscription, subscription.periodOn(LocalDate.now(ZoneOffset.UTC)),
                subscription.addOnQuantities(catalog()), CardOnFile.existsFor(customerId));
    }

    /** Prices a change and keeps the quote for confirmation; nothing about the subscription changes yet. */
    @Transactional
    public Quote quote(Caller caller, UUID customerId, Pricing.Change change) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = subscriptionOf(customerId);
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Pricing.Priced priced = new Pricing(catalog()).quote(subscription.current(today), change, today);
        Quote quote = Quote.of(subscription, owner.partnerId, change, priced, now, now.plus(config.quoteTtl()));
        Log.infof("Quote %s for customer %s: %s total, %d lines", quote.id, customerId, priced.total(), priced.lines().size());
        return quote;
    }

    public Quote getQuote(Caller caller, UUID customerId, UUID quoteId) {
        CustomerOwner.visibleTo(caller, customerId);
        return Quote.findFor(customerId, quoteId).orElseThrow(() -> new NotFound("No quote " + quoteId + " for customer " + customerId));
    }

    static Subscription subscriptionOf(UUID customerId) {
        return Subscription.findOf(customerId).orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
    }
}
