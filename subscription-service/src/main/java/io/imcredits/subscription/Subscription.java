package io.imcredits.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

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

    public enum Status { ACTIVE }

    public record AddOnQuantity(String code, Catalog.Kind kind, int quantity) {
    }

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

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Subscription open(UUID customerId, String planCode, int agents, String currency, String payer, LocalDate today) {
        Subscription subscription = new Subscription();
        subscription.customerId = customerId;
        subscription.planCode = planCode;
        subscription.billingCycle = BillingPeriod.Cycle.MONTHLY;
        subscription.agents = agents;
        subscription.currency = currency;
        subscription.payer = payer;
        subscription.status = Status.ACTIVE;
        subscription.startedOn = today;
        subscription.updatedAt = Instant.now();
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

    public BillingPeriod periodOn(LocalDate day) {
        return BillingPeriod.containing(startedOn, billingCycle, day);
    }

    public Pricing.Current current(LocalDate today) {
        return new Pricing.Current(planCode, agents, Map.copyOf(addOns), currency, billingCycle, periodOn(today));
    }

    /** The add-ons with their kinds, by code. */
    public List<AddOnQuantity> addOnQuantities(Catalog catalog) {
        return addOns.entrySet().stream()
                .map(e -> new AddOnQuantity(e.getKey(), catalog.addOn(e.getKey()).map(Catalog.AddOn::kind).orElse(null), e.getValue()))
                .toList();
    }

    /** Applies a paid change: every part of it, or (by the caller's rollback) none. */
    public void apply(String newPlanCode, Integer newAgents, Map<String, Integer> newAddOns) {
        if (newPlanCode != null) planCode = newPlanCode;
        if (newAgents != null) agents = newAgents;
        addOns.putAll(newAddOns);
        updatedAt = Instant.now();
    }
}
