package io.imcredits.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A large deal: a partner's estimate of a future purchase for one customer, approved or rejected by operations. */
@Entity
public class Deal extends PanacheEntityBase {

    /** SUBMITTED is the only open state: operations decide it once. */
    public enum Status {
        SUBMITTED, APPROVED, REJECTED
    }

    /** What the partner estimates on the Large Deal screen. */
    public record Estimate(String planCode, int agents, long imCredits, Money estimatedValue, LocalDate expectedCloseDate,
            String notes) {}

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "plan_code")
    public String planCode;

    public int agents;

    @Column(name = "im_credits")
    public long imCredits;

    @Column(name = "estimated_value_amount")
    public BigDecimal estimatedValueAmount;

    @Column(name = "estimated_value_currency")
    public String estimatedValueCurrency;

    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;

    public String notes;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    static Deal submitted(Customer customer, Estimate estimate, Instant now) {
        Deal deal = new Deal();
        deal.id = UUID.randomUUID();
        deal.customerId = customer.id;
        deal.partnerId = customer.partnerId;
        deal.planCode = estimate.planCode();
        deal.agents = estimate.agents();
        deal.imCredits = estimate.imCredits();
        deal.estimatedValueAmount = estimate.estimatedValue().amount();
        deal.estimatedValueCurrency = estimate.estimatedValue().currency();
        deal.expectedCloseDate = estimate.expectedCloseDate();
        deal.notes = estimate.notes();
        deal.status = Status.SUBMITTED;
        deal.createdAt = now;
        return deal;
    }

    public Money estimatedValue() {
        return new Money(estimatedValueAmount, estimatedValueCurrency);
    }

    /** Records the operations decision; a deal is decided once. */
    void decide(Status decision, String reason, Instant now) {
        if (status != Status.SUBMITTED) {
            throw new Conflict("Deal " + id + " was already " + status + " at " + decidedAt + "; a deal is decided once");
        }
        if (decision == Status.SUBMITTED) throw new IllegalArgumentException("A decision is APPROVED or REJECTED");
        status = decision;
        decisionReason = reason;
        decidedAt = now;
    }

    public static Optional<Deal> findOpen(UUID customerId, String planCode) {
        return find("customerId = ?1 and planCode = ?2 and status = ?3", customerId, planCode, Status.SUBMITTED)
                .firstResultOptional();
    }

    public static Page<Deal> pageForCustomer(UUID customerId, int page, int size) {
        var query = find("customerId", Sort.descending("createdAt").and("id"), customerId);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    public static Optional<Deal> findForCustomer(UUID customerId, UUID id) {
        return find("customerId = ?1 and id = ?2", customerId, id).firstResultOptional();
    }
}
