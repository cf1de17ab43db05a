package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
import jakarta.persistence.Table;

/**
 * A charge to a customer's card: for one order (LicenseUpdateRequested) or for one closed
 * post-paid period. PENDING until a worker claims it; CHARGING while the gateway is called (the
 * attempt is committed first, with its idempotency key); UNKNOWN when the gateway gave no definite
 * answer (it may have taken the money: asked again with the same key at next_attempt_at); then
 * SUCCEEDED, FAILED or REFUNDED. An order with nothing to charge is SUCCEEDED (or FAILED for want
 * of a card) at once, without a gateway call or an invoice.
 */
@Entity
@Table(name = "charge")
public class Charge extends PanacheEntityBase {

    public enum Kind {
        ORDER, POSTPAID
    }

    public enum Status {
        PENDING, CHARGING, UNKNOWN, SUCCEEDED, FAILED, REFUNDED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** The gateway's idempotency key for the first attempt: the order id for an order. */
    @Column(name = "gateway_key")
    public String gatewayKey;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "correlation_id")
    public UUID correlationId;

    public String currency;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<InvoiceLine> lines;

    public BigDecimal subtotal;

    public BigDecimal fee;

    public BigDecimal total;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    /** Answers the current attempt did not get (time-outs): the next ask waits longer each time. */
    public int unanswered;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    /** The key of the attempt in flight: a charge re-run after a crash reuses it, so the gateway answers the first result. */
    @Column(name = "attempt_key")
    public String attemptKey;

    @Column(name = "card_token")
    public String cardToken;

    @Enumerated(EnumType.STRING)
    public Card.Payer payer;

    @Column(name = "payer_id")
    public UUID payerId;

    @Column(name = "card_brand")
    public String cardBrand;

    @Column(name = "card_last4")
    public String cardLast4;

    /** The billing country of the card charged: it decides the invoice's tax. */
    @Column(name = "billing_country")
    public String billingCountry;

    /** The service period the charge pays for (a renewal, a post-paid period); null for a one-off purchase. */
    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Column(name = "gateway_charge_id")
    public String gatewayChargeId;

    /** What the gateway confirmed taking: what PaymentSucceeded reports and a refund gives back. */
    @Column(name = "charged_amount")
    public BigDecimal chargedAmount;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Column(name = "refund_requested")
    public boolean refundRequested;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Charge pending(Kind kind, UUID customerId, UUID partnerId, UUID correlationId, List<InvoiceLine> lines,
            Money subtotal, Money fee, Money total, Instant now) {
        Charge charge = new Charge();
        charge.id = UUID.randomUUID();
        charge.kind = kind;
        charge.gatewayKey = "charge-" + charge.id;
        charge.customerId = customerId;
        charge.partnerId = partnerId;
        charge.correlationId = correlationId;
        charge.currency = total.currency();
        charge.lines = lines;
        charge.subtotal = subtotal.amount();
        charge.fee = fee.amount();
        charge.total = total.amount();
        charge.status = Status.PENDING;
        charge.createdAt = charge.updatedAt = charge.nextAttemptAt = now;
        return charge;
    }

    public Money totalMoney() {
        return Money.of(total, currency);
    }

    public Money chargedMoney() {
        return Money.of(chargedAmount != null ? chargedAmount : total, currency);
    }

    public static Optional<Charge> forOrder(UUID orderId) {
        return find("orderId", orderId).firstResultOptional();
    }

    /** Ids of charges with work to do: due attempts, attempts whose worker died, and refunds asked for. */
    @SuppressWarnings("unchecked")
    static List<UUID> due(Instant now, Instant staleBefore, int limit) {
        return getEntityManager().createNativeQuery("""
                select id from charge
                where (status in ('PENDING', 'UNKNOWN') and next_attempt_at <= ?1)
                   or (status = 'CHARGING' and attempted_at < ?2)
                   or (status = 'SUCCEEDED' and refund_requested)
                order by next_attempt_at limit ?3""", UUID.class)
                .setParameter(1, now).setParameter(2, staleBefore).setParameter(3, limit)
                .getResultList();
    }

    /** The charge, locked; empty if another worker holds it. */
    @SuppressWarnings("unchecked")
    static Optional<Charge> lock(UUID id) {
        return getEntityManager().createNativeQuery("select * from charge where id = ?1 for update skip locked", Charge.class)
                .setParameter(1, id).getResultStream().findFirst();
    }

    /** A new card on file: the customer's post-paid charges waiting for their next retry are due now. */
    public static int retryNow(UUID customerId, Instant now) {
        return update("nextAttemptAt = ?1, updatedAt = ?1 where customerId = ?2 and kind = ?3 and status = ?4 and failureReason is not null",
                now, customerId, Kind.POSTPAID, Status.PENDING);
    }

    /** Post-paid charges that failed and are not yet paid: they make the customer past due. */
    public static List<Charge> pastDue(UUID customerId) {
        return list("customerId = ?1 and kind = ?2 and failureReason is not null and status in (?3) order by createdAt",
                customerId, Kind.POSTPAID, List.of(Status.PENDING, Status.CHARGING, Status.UNKNOWN, Status.FAILED));
    }
}
