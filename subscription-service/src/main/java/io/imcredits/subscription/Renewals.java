package io.imcredits.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.imcredits.subscription.PublishedEvents.LicenseUpdateRequested;
import io.imcredits.subscription.PublishedEvents.LicenseUpdated;
import io.imcredits.subscription.PublishedEvents.RenewalFailed;
import io.imcredits.subscription.PublishedEvents.SubscriptionRenewed;
import io.imcredits.subscription.PublishedEvents.SubscriptionStandingChanged;
import io.imcredits.subscription.outbox.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Renewals, dunning and the customer's standing. When a period ends its renewal is charged through the purchase
 * saga (a RENEWAL order → LicenseUpdateRequested → billing's answer); a failed attempt is retried on the dunning
 * schedule, the customer PAST_DUE meanwhile and SUSPENDED when the retries are used up. Locks: subscription first,
 * then renewal and order, as everywhere in this service.
 */
@ApplicationScoped
public class Renewals {

    public enum Action {
        RENEWAL, RETRY, CANCELLATION
    }

    /** What one run started, for the ops answer and the log. */
    public record Started(UUID customerId, Action action, UUID orderId, Instant periodStart, Instant periodEnd, Integer attempt,
            Money total) {}

    /** The subscriptions with something due by {@code until}: a period that ended without a renewal, or a retry. */
    private static final String DUE = """
            select s.customer_id from subscription s
            where ((s.status in ('ACTIVE', 'PAST_DUE') and s.period_end <= ?1
                    and not exists (select 1 from renewal r where r.customer_id = s.customer_id and r.period_start = s.period_end))
                or exists (select 1 from renewal r where r.customer_id = s.customer_id and r.status = 'RETRYING' and r.next_attempt_at <= ?1))
              and not exists (select 1 from license_order o where o.customer_id = s.customer_id and o.status = 'PENDING_PAYMENT')
            """;

    private static final Duration MAX_AHEAD = Duration.ofDays(400);

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final SubscriptionConfig config;
    private final Clock clock;

    Renewals(Outbox outbox, Subscriptions subscriptions, SubscriptionConfig config, Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${subscription.renewal-check}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void runDue() {
        run(clock.instant(), null);
    }

    /**
     * Starts every renewal, retry and cancellation due by {@code until} (of one customer, or all), each subscription in a
     * transaction of its own and at most once per run. A subscription another instance is working on is skipped (SKIP
     * LOCKED); the unique renewal and order keys make a period's attempt once even so.
     */
    public List<Started> run(Instant until, UUID customerId) {
        List<Started> started = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        while (true) {
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> due(until, customerId));
            due.removeAll(seen);
            if (due.isEmpty()) return started;
            for (UUID id : due) {
                seen.add(id);
                QuarkusTransaction.requiringNew().call(() -> renewIfDue(id, until)).ifPresent(started::add);
            }
        }
    }

    /** until as ops sent it (default now): a run a little ahead is how operators and tests need not wait; years ahead is a mistake. */
    public Instant checkedUntil(Instant until) {
        Instant now = clock.instant();
        if (until == null) return now;
        if (until.isAfter(now.plus(MAX_AHEAD)) || until.isBefore(now.minus(MAX_AHEAD))) {
            throw new Unprocessable("until", "until must be within 400 days of now (" + now + "), not " + until);
        }
        return until;
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> due(Instant until, UUID customerId) {
        var query = Subscription.getEntityManager()
                .createNativeQuery(DUE + (customerId == null ? "" : " and s.customer_id = ?2") + " order by s.period_end limit 500", UUID.class)
                .setParameter(1, until);
        if (customerId != null) query.setParameter(2, customerId);
        return new ArrayList<>(query.getResultList());
    }

    private Optional<Started> renewIfDue(UUID customerId, Instant until) {
        Subscription subscription = lockUnlessBusy(customerId);
        if (subscription == null || LicenseOrder.pendingFor(customerId)) return Optional.empty();
        Instant now = clock.instant();
        Optional<Renewal> unpaid = Renewal.lockUnpaidOf(customerId);
        if (unpaid.isPresent()) {
            Renewal renewal = unpaid.get();
            boolean retryDue = renewal.status == Renewal.Status.RETRYING && renewal.nextAttemptAt != null && !renewal.nextAttemptAt.isAfter(until);
            return retryDue ? Optional.of(attempt(subscription, renewal, Action.RETRY, now)) : Optional.empty();
        }
        boolean renewing = subscription.status == Subscription.Status.ACTIVE || subscription.status == Subscription.Status.PAST_DUE;
        if (!renewing || subscription.periodEnd.isAfter(until) || Renewal.existsFor(customerId, subscription.periodEnd)) return Optional.empty();
        if (subscription.scheduledCancel) {
            Instant end = subscription.periodEnd;
            subscription.clearScheduledChange();
            changeStanding(subscription, Subscription.Status.CANCELLED, "CANCELLED_AT_PERIOD_END", now);
            Log.infof("Subscription of customer %s cancelled at its period end %s, as scheduled", customerId, end);
            return Optional.of(new Started(customerId, Action.CANCELLATION, null, end, null, null, null));
        }
        Renewal.Configuration next = nextConfiguration(subscriptions.catalog(), subscription);
        Instant anchor = next.cycle() == subscription.billingCycle ? subscription.cycleAnchor : subscription.periodEnd;
        Renewal renewal = Renewal.start(customerId, subscription.periodEnd,
                Subscription.periodEndAfter(anchor, next.cycle(), subscription.periodEnd), next, now);
        return Optional.of(attempt(subscription, renewal, Action.RENEWAL, now));
    }

    /** The subscription, locked; null when another transaction (another instance's run, a payment) holds it. */
    private static Subscription lockUnlessBusy(UUID customerId) {
        return Subscription.<Subscription>find("customerId", customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .firstResultOptional().orElse(null);
    }

    /** What the next period is charged for: the current configuration with a scheduled downgrade applied. */
    static Renewal.Configuration nextConfiguration(Catalog catalog, Subscription subscription) {
        String plan = subscription.planCode;
        // a downgrade scheduled before a later upgrade still caps the plan and agents; it never raises them
        if (subscription.scheduledPlanCode != null && catalog.plan(subscription.scheduledPlanCode).map(Catalog.Plan::rank).orElse(Integer.MAX_VALUE)
                < catalog.plan(plan).map(Catalog.Plan::rank).orElse(0)) {
            plan = subscription.scheduledPlanCode;
        }
        int agents = subscription.scheduledAgents == null ? subscription.agents : Math.min(subscription.agents, subscription.scheduledAgents);
        Map<String, Integer> addOns = new TreeMap<>(subscription.addOns);
        if (subscription.scheduledRemoveAddOns != null) subscription.scheduledRemoveAddOns.forEach(addOns::remove);
        addOns.values().removeIf(quantity -> quantity == 0);
        BillingPeriod.Cycle cycle = subscription.scheduledBillingCycle == null ? subscription.billingCycle : subscription.scheduledBillingCycle;
        return new Renewal.Configuration(plan, agents, cycle, addOns);
    }

    /** One attempt: a RENEWAL order whose id and key derive from the customer, the period and the attempt number. */
    private Started attempt(Subscription subscription, Renewal renewal, Action action, Instant now) {
        renewal.attempts++;
        renewal.nextAttemptAt = null;
        renewal.updatedAt = now;
        String key = subscription.customerId + "/" + renewal.periodStart + "/" + renewal.attempts;
        QuotePricing.Priced priced;
        try {
            priced = new QuotePricing(subscriptions.catalog()).renewal(renewal.configuration(), subscription.currency);
        } catch (Unprocessable noPrice) {
            Log.errorf("Renewal of customer %s for %s cannot be priced: %s", subscription.customerId, renewal.periodStart, noPrice.getMessage());
            failed(subscription, renewal, null, "NO_PRICE", now);
            return new Started(subscription.customerId, action, null, renewal.periodStart, renewal.periodEnd, renewal.attempts, null);
        }
        UUID partnerId = partnerOf(subscription.customerId);
        Quote quote = Quote.ofRenewal(subscription, partnerId, renewal, priced, now);
        UUID orderId = UUID.nameUUIDFromBytes(("renewal/" + key).getBytes(StandardCharsets.UTF_8));
        LicenseOrder order = LicenseOrder.placeRenewal(orderId, quote, renewal, key, now);
        outbox.publish(partnerId, subscription.customerId, order.id,
                new LicenseUpdateRequested(order.id, subscription.customerId, partnerId, subscription.payer, quote.lines,
                        quote.subtotal(), quote.fee(), quote.total(), 0, LicenseOrder.Kind.RENEWAL.name(), renewal.periodStart, renewal.periodEnd));
        Log.infof("Renewal of customer %s for %s – %s, attempt %d: order %s charging %s", subscription.customerId, renewal.periodStart,
                renewal.periodEnd, renewal.attempts, order.id, quote.total());
        return new Started(subscription.customerId, action, order.id, renewal.periodStart, renewal.periodEnd, renewal.attempts, quote.total());
    }

    /** billing charged a renewal order (the caller checked the amount and holds the subscription's lock): the next period begins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void paid(LicenseOrder order, Subscription subscription, Instant now) {
        Renewal renewal = lockedRenewal(order);
        Renewal.Configuration paid = renewal.configuration();
        boolean licenseChanged = !paid.planCode().equals(subscription.planCode) || paid.agents() != subscription.agents
                || !paid.addOns().equals(new TreeMap<>(subscription.addOns));
        renewal.status = Renewal.Status.PAID;
        renewal.nextAttemptAt = null;
        renewal.updatedAt = now;
        subscription.renew(paid, renewal.periodStart, renewal.periodEnd, now);
        outbox.publish(order.partnerId, order.customerId, order.id, new SubscriptionRenewed(order.customerId, order.id,
                subscription.planCode, subscription.agents, renewal.periodStart, renewal.periodEnd, order.quote.total()));
        if (licenseChanged) {
            outbox.publish(order.partnerId, order.customerId, order.id, new LicenseUpdated(order.id,
                    order.customerId, subscription.planCode, subscription.agents, subscription.addOnQuantities(subscriptions.catalog())));
        }
        updateStanding(subscription, "RENEWAL_PAID", now);
        Log.infof("Subscription of customer %s renewed to %s by order %s (attempt %d)", order.customerId, renewal.periodEnd, order.id, order.attempt);
    }

    /** A renewal order failed (declined, no card, timed out): dunning takes over. The caller holds the subscription's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attemptFailed(LicenseOrder order, String reason, Instant now) {
        Renewal renewal = lockedRenewal(order);
        if (renewal.status == Renewal.Status.PAID) return;
        failed(Subscription.findById(order.customerId), renewal, order.id, reason, now);
    }

    private void failed(Subscription subscription, Renewal renewal, UUID orderId, String reason, Instant now) {
        List<Duration> schedule = config.dunning().retrySchedule();
        boolean last = renewal.attempts > schedule.size();
        renewal.status = last ? Renewal.Status.FAILED : Renewal.Status.RETRYING;
        renewal.nextAttemptAt = last ? null : now.plus(schedule.get(renewal.attempts - 1));
        renewal.lastFailure = reason;
        renewal.updatedAt = now;
        outbox.publish(partnerOf(subscription.customerId), subscription.customerId, orderId,
                new RenewalFailed(subscription.customerId, orderId, reason, renewal.attempts, renewal.nextAttemptAt, last));
        Log.infof("Renewal of customer %s for %s failed (%s), attempt %d: %s", subscription.customerId, renewal.periodStart, reason,
                renewal.attempts, last ? "no retry left" : "retried at " + renewal.nextAttemptAt);
        updateStanding(subscription, last ? "RENEWAL_FAILED_FINALLY" : "RENEWAL_FAILED", now);
    }

    /** A new card on file: a renewal in dunning (or given up) is retried at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cardUpdated(UUID customerId) {
        Subscription subscription = Subscription.lockOf(customerId).orElse(null);
        if (subscription == null || subscription.status == Subscription.Status.CANCELLED || LicenseOrder.pendingFor(customerId)) return;
        Renewal.lockUnpaidOf(customerId)
                .filter(renewal -> renewal.status == Renewal.Status.RETRYING || renewal.status == Renewal.Status.FAILED)
                .ifPresent(renewal -> attempt(subscription, renewal, Action.RETRY, clock.instant()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void postpaidChargeFailed(UUID customerId, String chargeId, Money amount, String reason, Integer attempt, boolean finalAttempt) {
        Subscription subscription = Subscription.lockOf(customerId).orElse(null);
        if (subscription == null) {
            Log.warnf("PostpaidChargeFailed for customer %s, who has no subscription here: ignored", customerId);
            return;
        }
        Instant now = clock.instant();
        PostpaidOverdue.record(customerId, chargeId, amount, reason, attempt, finalAttempt, now);
        updateStanding(subscription, finalAttempt ? "POSTPAID_CHARGE_FAILED_FINALLY" : "POSTPAID_CHARGE_FAILED", now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void postpaidChargeSucceeded(UUID customerId, String chargeId) {
        Subscription subscription = Subscription.lockOf(customerId).orElse(null);
        if (subscription == null) return;
        PostpaidOverdue.deleteById(chargeId);
        updateStanding(subscription, "POSTPAID_CHARGE_PAID", clock.instant());
    }

    /** The standing follows from what is overdue: a given-up renewal or post-paid charge suspends, one being retried is past due. */
    private void updateStanding(Subscription subscription, String reason, Instant now) {
        if (subscription.status == Subscription.Status.CANCELLED) return;
        UUID id = subscription.customerId;
        List<Renewal> overdue = Renewal.overdueOf(id);
        boolean suspended = overdue.stream().anyMatch(r -> r.status == Renewal.Status.FAILED) || PostpaidOverdue.anyOf(id, true);
        boolean pastDue = !overdue.isEmpty() || PostpaidOverdue.anyOf(id, false);
        changeStanding(subscription, suspended ? Subscription.Status.SUSPENDED : pastDue ? Subscription.Status.PAST_DUE
                : Subscription.Status.ACTIVE, reason, now);
    }

    private void changeStanding(Subscription subscription, Subscription.Status standing, String reason, Instant now) {
        Subscription.Status previous = subscription.status;
        if (previous == standing) return;
        subscription.status = standing;
        subscription.updatedAt = now;
        outbox.publish(partnerOf(subscription.customerId), subscription.customerId, null,
                new SubscriptionStandingChanged(subscription.customerId, standing, previous, reason));
        Log.infof("Customer %s is now %s (was %s): %s", subscription.customerId, standing, previous, reason);
    }

    private static UUID partnerOf(UUID customerId) {
        return CustomerOwner.<CustomerOwner>findByIdOptional(customerId).map(owner -> owner.partnerId).orElse(null);
    }

    private static Renewal lockedRenewal(LicenseOrder order) {
        return Renewal.findById(order.renewalId, LockModeType.PESSIMISTIC_WRITE);
    }
}
