package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Usage beyond prepaid credits (PostpaidUsageRecorded): claimed by the close of its period (closeId) and
 * paid by that close's charge, or by a later one when it was carried (chargeId).
 */
@Entity
@Table(name = "postpaid_usage")
public class PostpaidUsage extends PanacheEntityBase {

    /** What an event that does not say its country or category (an older one) is grouped under. */
    public static final String UNKNOWN = "unknown";

    /** A customer and a currency with usage no close has claimed yet. */
    public record Unclaimed(UUID customerId, String currency) {}

    /** A customer's usage no close has claimed yet, in one currency: what the next close bills (before carries). */
    public record Unbilled(long count, Money amount) {}

    @Id
    @Column(name = "usage_id")
    public UUID usageId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "message_id")
    public String messageId;

    public BigDecimal amount;

    public String currency;

    public String country;

    public String category;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The close that claimed this usage. */
    @Column(name = "close_id")
    public UUID closeId;

    /** The charge that paid this usage. */
    @Column(name = "charge_id")
    public UUID chargeId;

    public Money money() {
        return Money.of(amount, currency);
    }

    /** Customers and currencies with usage recorded before the end of the period and not yet claimed. */
    public static List<Unclaimed> unclaimed(Instant periodEnd, UUID onlyCustomer) {
        var query = getEntityManager().createQuery("""
                select distinct u.customerId, u.currency from PostpaidUsage u
                where u.closeId is null and u.chargeId is null and u.recordedAt < ?1""" + (onlyCustomer == null ? "" : " and u.customerId = ?2"),
                Object[].class)
                .setParameter(1, periodEnd);
        if (onlyCustomer != null) query.setParameter(2, onlyCustomer);
        return query.getResultList().stream().map(row -> new Unclaimed((UUID) row[0], (String) row[1])).toList();
    }

    public static List<Unbilled> unbilled(UUID customerId) {
        return getEntityManager().createQuery("""
                select u.currency, count(u), sum(u.amount) from PostpaidUsage u
                where u.customerId = ?1 and u.closeId is null and u.chargeId is null group by u.currency""", Object[].class)
                .setParameter(1, customerId).getResultList().stream()
                .map(row -> new Unbilled((Long) row[1], Money.of((BigDecimal) row[2], (String) row[0]))).toList();
    }

    /**
     * Claims the customer's unclaimed usage of the period for a close, in one statement: of two closes at
     * once, the second waits for the first's row locks and then finds the rows taken.
     */
    @SuppressWarnings("unchecked")
    public static List<PostpaidUsage> claim(UUID closeId, UUID customerId, String currency, Instant periodEnd) {
        return getEntityManager().createNativeQuery("""
                update postpaid_usage set close_id = ?1
                where customer_id = ?2 and currency = ?3 and recorded_at < ?4 and close_id is null and charge_id is null
                returning *""", PostpaidUsage.class)
                .setParameter(1, closeId).setParameter(2, customerId).setParameter(3, currency).setParameter(4, periodEnd)
                .getResultList();
    }

    /** The charge pays the rows claimed by closes that charged nothing (carried) and by its own close. */
    public static int paidBy(UUID chargeId, UUID customerId, String currency) {
        return update("chargeId = ?1 where customerId = ?2 and currency = ?3 and closeId is not null and chargeId is null",
                chargeId, customerId, currency);
    }

    /** The per-message detail of a charge, in the order the messages went. */
    public static List<PostpaidUsage> ofCharge(UUID chargeId) {
        return list("chargeId = ?1 order by recordedAt, usageId", chargeId);
    }
}
