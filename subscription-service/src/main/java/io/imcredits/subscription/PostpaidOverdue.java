package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A post-paid charge billing could not collect yet (billing retries it on its own schedule). */
@Entity
@Table(name = "postpaid_overdue")
public class PostpaidOverdue extends PanacheEntityBase {

    @Id
    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "customer_id")
    public UUID customerId;

    public BigDecimal amount;

    public String currency;

    public String reason;

    public Integer attempt;

    @Column(name = "final_attempt")
    public boolean finalAttempt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static void record(UUID customerId, String chargeId, Money amount, String reason, Integer attempt, boolean finalAttempt, Instant now) {
        PostpaidOverdue overdue = PostpaidOverdue.<PostpaidOverdue>findByIdOptional(chargeId).orElseGet(PostpaidOverdue::new);
        overdue.chargeId = chargeId;
        overdue.customerId = customerId;
        overdue.amount = amount == null ? null : amount.amount();
        overdue.currency = amount == null ? null : amount.currency();
        overdue.reason = reason;
        overdue.attempt = attempt;
        overdue.finalAttempt = overdue.finalAttempt || finalAttempt; // a late, out-of-order event never lifts a final failure
        overdue.updatedAt = now;
        overdue.persist();
    }

    public static boolean anyOf(UUID customerId, boolean finalOnly) {
        return finalOnly ? count("customerId = ?1 and finalAttempt = true", customerId) > 0 : count("customerId", customerId) > 0;
    }
}
