package io.imcredits.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer's plan, agent licenses and recurring add-ons. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    /** The customer's standing: PAST_DUE while a renewal or post-paid charge is being retried, SUSPENDED when retries ran out. */
    public enum Status {
        ACTIVE, PAST_DUE, SUSPENDED, CANCELLED
    }

    public record AddOnQuantity(String code, Catalog.Kind kind, int quantity) {}

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "plan_code")
    public String planCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_cycle")
    public BillingPeriod.Cycle billingCycle;

    public int agents;

    public String currency;

    public String payer;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "started_on")
    public LocalDate startedOn;

    /** Quantity per add-on code (standard and post-paid add-ons; credits live in credits-service). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "subscription_add_on", joinColumns = @JoinColumn(name = "customer_id"))
    @MapKeyColumn(name = "code")
    @Column(name = "quantity")
    public Map<String, Integer> addOns = new TreeMap<>();

    /** The period paid for (or the trial): start inclusive, end exclusive; the renewal of periodEnd starts the next one. */
    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    /** Periods are counted from here (anchor + n months), so a subscription renewed on the 31st returns to the 31st. */
    @Column(name = "cycle_anchor")
    public Instant cycleAnchor;

    @Column(name = "trial_ends_at")
    public Instant trialEndsAt;

    /** A downgrade or cancellation waiting for the period end (null fields: no change of that part). */
    @Column(name = "scheduled_plan_code")
    public String scheduledPlanCode;

    @Column(name = "scheduled_agents")
    public Integer scheduledAgents;

    @Enumerated(EnumType.STRING)
    @Column(name = "scheduled_billing_cycle")
    public BillingPeriod.Cycle scheduledBillingCycle;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "scheduled_remove_add_ons")
    public List<String> scheduledRemoveAddOns;

    @Column(name = "scheduled_cancel")
    public boolean scheduledCancel;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new subscription starts on a free trial that ends (and renews like any period) after {@code trial}. */
    public static Subscription open(UUID customerId, String planCode, int agents, String currency, String payer, Instant now,
            java.time.Duration trial) {
        Subscription subscription = new Subscription();
        subscription.customerId = customerId;
        subscription.planCode = planCode;
        subscription.billingCycle = BillingPeriod.Cycle.MONTHLY;
        subscription.agents = agents;
        subscription.currency = currency;
        subscription.payer = payer;
        subscription.status = Status.ACTIVE;
        subscription.startedOn = LocalDate.ofInstant(now, ZoneOffset.UTC);
        subscription.periodStart = now;
        subscription.periodEnd = subscription.trialEndsAt = subscription.cycleAnchor = now.plus(trial);
        subscription.updatedAt = now;
        subscription.persist();
        return subscription;
    }

    public static Optional<Subscription> findOf(UUID customerId) {
        return findByIdOptional(customerId);
    }

    /** Locked for the rest of the transaction: confirmations and payments of one customer apply one at a time. */
    public static Optional<Subscription> lockOf(UUID customerId) {
        return findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Which subscriptions a listing wants; a null or empty part does not filter. partnerId: the owner CustomerRegistered named. */
    public record Filter(UUID partnerId, Collection<UUID> customerIds) {}

    /** A listed subscription with what its view needs besides: its unpaid renewal (null when none) and whether a card is on file. */
    public record Listed(Subscription subscription, Renewal unpaid, boolean cardOnFile) {}

    /**
     * One page of the subscriptions matching the filter, by customer id, and the number of them all. Two statements
     * whatever the page size: the page's customer ids with the total riding on each row as a window count (only a page
     * past the end, which has no row to carry it, counts again), then those subscriptions with their add-ons, their
     * unpaid renewal (at most one per subscription) and their card on file. Only customers with an owner are listed,
     * as GET /api/customers/{id}/subscription serves only those.
     */
    public static Page<Listed> list(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.partnerId() != null) {
            where.add("o.partnerId = :partner");
            parameters.put("partner", filter.partnerId());
        }
        if (filter.customerIds() != null && !filter.customerIds().isEmpty()) {
            where.add("s.customerId in :customers");
            parameters.put("customers", filter.customerIds());
        }
        String from = " from Subscription s join CustomerOwner o on o.customerId = s.customerId"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        var query = getEntityManager().createQuery("select s.customerId, count(*) over ()" + from + " order by s.customerId", Object[].class)
                .setFirstResult(page * size).setMaxResults(size);
        parameters.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        long total;
        if (!rows.isEmpty()) total = (Long) rows.get(0)[1];
        else if (page == 0) total = 0;
        else {
            var count = getEntityManager().createQuery("select count(*)" + from, Long.class);
            parameters.forEach(count::setParameter);
            total = count.getSingleResult();
        }
        if (rows.isEmpty()) return new Page<>(List.of(), page, size, total);
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        // one row per add-on (the fetch join): the first row of each subscription carries all of it
        Map<UUID, Listed> listed = new HashMap<>();
        for (Object[] row : getEntityManager().createQuery("select s, r, c.customerId from Subscription s left join fetch s.addOns"
                + " left join Renewal r on r.customerId = s.customerId and r.status <> :paid"
                + " left join CardOnFile c on c.customerId = s.customerId where s.customerId in :ids", Object[].class)
                .setParameter("paid", Renewal.Status.PAID).setParameter("ids", ids).getResultList()) {
            Subscription subscription = (Subscription) row[0];
            listed.putIfAbsent(subscription.customerId, new Listed(subscription, (Renewal) row[1], row[2] != null));
        }
        return new Page<>(ids.stream().map(listed::get).filter(Objects::nonNull).toList(), page, size, total);
    }

    /**
     * The current period as days, what upgrades are prorated against. During the trial it is a whole cycle ending
     * when the trial does: a paid upgrade costs the days left of a month's price, not the trial's length as a month.
     */
    public BillingPeriod period() {
        LocalDate end = LocalDate.ofInstant(periodEnd, ZoneOffset.UTC);
        if (inTrial()) return new BillingPeriod(billingCycle == BillingPeriod.Cycle.MONTHLY ? end.minusMonths(1) : end.minusYears(1), end);
        return new BillingPeriod(LocalDate.ofInstant(periodStart, ZoneOffset.UTC), end);
    }

    public boolean inTrial() {
        return trialEndsAt != null && periodEnd.equals(trialEndsAt);
    }

    public QuotePricing.Current current() {
        return new QuotePricing.Current(planCode, agents, Map.copyOf(addOns), currency, billingCycle, period());
    }

    /** The end of the period that starts at {@code start} on {@code cycle}, counted from {@code anchor}. */
    public static Instant periodEndAfter(Instant anchor, BillingPeriod.Cycle cycle, Instant start) {
        ZonedDateTime from = anchor.atZone(ZoneOffset.UTC);
        ChronoUnit unit = cycle == BillingPeriod.Cycle.MONTHLY ? ChronoUnit.MONTHS : ChronoUnit.YEARS;
        long n = unit.between(from, start.atZone(ZoneOffset.UTC)) + 1;
        Instant end = from.plus(n, unit).toInstant();
        while (!end.isAfter(start)) end = from.plus(++n, unit).toInstant();
        return end;
    }

    public boolean hasScheduledChange() {
        return scheduledCancel || scheduledPlanCode != null || scheduledAgents != null || scheduledBillingCycle != null
                || scheduledRemoveAddOns != null && !scheduledRemoveAddOns.isEmpty();
    }

    public void clearScheduledChange() {
        scheduledPlanCode = null;
        scheduledAgents = null;
        scheduledBillingCycle = null;
        scheduledRemoveAddOns = null;
        scheduledCancel = false;
        scheduledAt = null;
    }

    /** The add-ons with their kinds, by code. */
    public List<AddOnQuantity> addOnQuantities(Catalog catalog) {
        return addOns.entrySet().stream()
                .map(e -> new AddOnQuantity(e.getKey(), catalog.addOn(e.getKey()).map(Catalog.AddOn::kind).orElse(null), e.getValue()))
                .toList();
    }

    /** Applies a paid change: every part of it, or (by the caller's rollback) none. */
    public void apply(String newPlanCode, Integer newAgents, Map<String, Integer> newAddOns, Instant now) {
        if (newPlanCode != null) planCode = newPlanCode;
        if (newAgents != null) agents = newAgents;
        addOns.putAll(newAddOns);
        updatedAt = now;
    }

    /** A paid renewal: the next period, on the configuration it charged (a scheduled downgrade now applied). */
    public void renew(Renewal.Configuration paid, Instant start, Instant end, Instant now) {
        if (paid.cycle() != billingCycle) cycleAnchor = start;
        planCode = paid.planCode();
        agents = paid.agents();
        billingCycle = paid.cycle();
        addOns.clear();
        addOns.putAll(paid.addOns());
        periodStart = start;
        periodEnd = end;
        clearScheduledChange();
        updatedAt = now;
    }
}
