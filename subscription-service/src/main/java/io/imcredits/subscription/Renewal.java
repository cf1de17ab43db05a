package io.imcredits.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The renewal of one subscription for one period: one row per (customer, period start), whatever the attempts. */
@Entity
@Table(name = "renewal")
public class Renewal extends PanacheEntityBase {

    /** CHARGING until an attempt fails; RETRYING in dunning; FAILED once the retries are used up; PAID. */
    public enum Status {
        CHARGING, RETRYING, FAILED, PAID
    }

    /** What a period is charged for. */
    public record Configuration(String planCode, int agents, BillingPeriod.Cycle cycle, Map<String, Integer> addOns) {}

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Column(name = "plan_code")
    public String planCode;

    public int agents;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_cycle")
    public BillingPeriod.Cycle billingCycle;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "add_ons")
    public Map<String, Integer> addOns;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_failure")
    public String lastFailure;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public static Renewal start(UUID customerId, Instant periodStart, Instant periodEnd, Configuration configuration, Instant now) {
        Renewal renewal = new Renewal();
        renewal.id = UUID.randomUUID();
        renewal.customerId = customerId;
        renewal.periodStart = periodStart;
        renewal.periodEnd = periodEnd;
        renewal.planCode = configuration.planCode();
        renewal.agents = configuration.agents();
        renewal.billingCycle = configuration.cycle();
        renewal.addOns = Map.copyOf(configuration.addOns());
        renewal.status = Status.CHARGING;
        renewal.createdAt = renewal.updatedAt = now;
        renewal.persist();
        return renewal;
    }

    public Configuration configuration() {
        return new Configuration(planCode, agents, billingCycle, addOns);
    }

    /** The renewal not yet paid of this customer (at most one: a subscription renews one period at a time), locked. */
    public static Optional<Renewal> lockUnpaidOf(UUID customerId) {
        return find("customerId = ?1 and status <> ?2", customerId, Status.PAID).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static boolean existsFor(UUID customerId, Instant periodStart) {
        return count("customerId = ?1 and periodStart = ?2", customerId, periodStart) > 0;
    }

    /** Renewals of this customer in dunning or given up: what makes it PAST_DUE or SUSPENDED. */
    public static List<Renewal> overdueOf(UUID customerId) {
        return list("customerId = ?1 and status in ?2", customerId, List.of(Status.RETRYING, Status.FAILED));
    }
}
