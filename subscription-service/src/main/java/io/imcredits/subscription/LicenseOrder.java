package io.imcredits.subscription;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A confirmed quote on its way through the purchase saga. */
@Entity
@Table(name = "license_order")
public class LicenseOrder extends PanacheEntityBase {

    public enum Status {
        PENDING_PAYMENT, COMPLETED, FAILED
    }

    public enum Refund {
        REQUESTED, REFUNDED
    }

    /** PURCHASE: a confirmed quote; RENEWAL: one attempt at charging a subscription's next period. */
    public enum Kind {
        PURCHASE, RENEWAL
    }

    public static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";
    /** billing reported a payment for another amount or currency than the order's total: refunded, never applied. */
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @OneToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "quote_id")
    public Quote quote;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "invoice_id")
    public String invoiceId;

    /** Set when a payment arrived for this order after it had failed, and had to go back. */
    @Enumerated(EnumType.STRING)
    public Refund refund;

    @Enumerated(EnumType.STRING)
    public Kind kind = Kind.PURCHASE;

    @Column(name = "renewal_id")
    public UUID renewalId;

    public Integer attempt;

    /** customer/period start/attempt: unique, so each attempt of each period is one order, however many instances run. */
    @Column(name = "renewal_key")
    public String renewalKey;

    /** An order auto-recharge made (kind PURCHASE, IM credits only) for the crossing crossingId of the threshold. */
    public boolean automatic;

    @Column(name = "crossing_id")
    public String crossingId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public static LicenseOrder place(UUID id, Quote quote, Instant now) {
        LicenseOrder order = pending(id, quote, now);
        order.persist();
        return order;
    }

    /** An order of auto-recharge: a purchase like any other, marked automatic and tied to the crossing it recharges. */
    public static LicenseOrder placeAutomatic(UUID id, Quote quote, String crossingId, Instant now) {
        LicenseOrder order = pending(id, quote, now);
        order.automatic = true;
        order.crossingId = crossingId;
        order.persist();
        return order;
    }

    public static LicenseOrder placeRenewal(UUID id, Quote quote, Renewal renewal, String renewalKey, Instant now) {
        LicenseOrder order = pending(id, quote, now);
        order.kind = Kind.RENEWAL;
        order.renewalId = renewal.id;
        order.attempt = renewal.attempts;
        order.renewalKey = renewalKey;
        order.persist();
        return order;
    }

    private static LicenseOrder pending(UUID id, Quote quote, Instant now) {
        LicenseOrder order = new LicenseOrder();
        order.id = id;
        order.customerId = quote.customerId;
        order.partnerId = quote.partnerId;
        order.quote = quote;
        order.status = Status.PENDING_PAYMENT;
        order.createdAt = order.updatedAt = now;
        return order;
    }

    public static boolean existsForQuote(UUID quoteId) {
        return count("quote.id", quoteId) > 0;
    }

    public static boolean pendingFor(UUID customerId) {
        return count("customerId = ?1 and status = ?2", customerId, Status.PENDING_PAYMENT) > 0;
    }

    public static PanacheQuery<LicenseOrder> ofCustomer(UUID customerId) {
        return find("customerId", Sort.descending("createdAt").and("id"), customerId);
    }

    /** A customer's automatic orders, newest first. */
    public static PanacheQuery<LicenseOrder> automaticOf(UUID customerId) {
        return find("customerId = ?1 and automatic = true", Sort.descending("createdAt").and("id"), customerId);
    }

    /** How many automatic orders of a customer were made from {@code since} (inclusive) to {@code until} (exclusive). */
    public static long automaticBetween(UUID customerId, Instant since, Instant until) {
        return count("customerId = ?1 and automatic = true and createdAt >= ?2 and createdAt < ?3", customerId, since, until);
    }

    /** How many automatic orders (the first and its retries) were made for one crossing. */
    public static long automaticFor(UUID customerId, String crossingId) {
        return count("customerId = ?1 and automatic = true and crossingId = ?2", customerId, crossingId);
    }

    /** Orders waiting for their payment since before the cutoff, locked; rows another transaction holds are left for next time. */
    public static List<LicenseOrder> lockPendingSince(Instant cutoff, int limit) {
        return find("status = ?1 and createdAt < ?2", Sort.by("createdAt"), Status.PENDING_PAYMENT, cutoff)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .page(0, limit).list();
    }

    /** How many orders are in each status (every status present), and since when the oldest PENDING_PAYMENT one waits (null: none). */
    public record Tally(Map<Status, Long> counts, Instant oldestPending) {}

    /** One grouped query, for /q/metrics (OrderMetrics). */
    public static Tally tally() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) counts.put(status, 0L);
        Instant oldestPending = null;
        for (Object[] row : getEntityManager()
                .createQuery("select o.status, count(o), min(o.createdAt) from LicenseOrder o group by o.status", Object[].class)
                .getResultList()) {
            counts.put((Status) row[0], (Long) row[1]);
            if (row[0] == Status.PENDING_PAYMENT) oldestPending = (Instant) row[2];
        }
        return new Tally(counts, oldestPending);
    }

    public boolean pending() {
        return status == Status.PENDING_PAYMENT;
    }

    public void complete(String chargeId, String invoiceId, Instant now) {
        this.status = Status.COMPLETED;
        this.chargeId = chargeId;
        this.invoiceId = invoiceId;
        this.updatedAt = now;
    }

    public void fail(String reason, String message, Instant now) {
        this.status = Status.FAILED;
        this.failureReason = reason;
        this.failureMessage = message == null || message.length() <= 500 ? message : message.substring(0, 500);
        this.updatedAt = now;
    }
}
