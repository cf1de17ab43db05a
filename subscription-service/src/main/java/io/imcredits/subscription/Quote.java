package io.imcredits.subscription;

import java.math.BigDecimal;
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
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A priced change to a subscription, as the partner re-checked it; it expires and is confirmed at most once. */
@Entity
@Table(name = "quote")
public class Quote extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    /** The subscription version this was priced against: a quote for a subscription that changed since is stale. */
    @Column(name = "based_on_version")
    public int basedOnVersion;

    /** The new plan, or null to keep it. */
    @Column(name = "plan_code")
    public String planCode;

    /** The new number of agent licenses, or null to keep it. */
    public Integer agents;

    /** The new quantity of each add-on that changes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "add_ons")
    public Map<String, Integer> addOns;

    @Column(name = "im_credits")
    public int imCredits;

    /** The messaging balance the credits buy (what credits-service grants), without the fee. */
    @Column(name = "credit_balance")
    public BigDecimal creditBalance;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<QuotePricing.Line> lines;

    @JdbcTypeCode(SqlTypes.JSON)
    public QuotePricing.Proration proration;

    public String currency;

    public BigDecimal subtotal;

    public BigDecimal fee;

    public BigDecimal total;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public static Quote of(Subscription subscription, UUID partnerId, QuotePricing.Change change, QuotePricing.Priced priced,
            Instant now, Instant expiresAt) {
        Quote quote = priced(subscription, partnerId, priced, now);
        quote.planCode = change.planCode() == null || change.planCode().equals(subscription.planCode) ? null : change.planCode();
        quote.agents = change.agents() == null || change.agents() == subscription.agents ? null : change.agents();
        quote.addOns = Map.copyOf(change.addOns());
        quote.expiresAt = expiresAt;
        quote.persist();
        return quote;
    }

    /** The priced renewal of a period, kept like a quote so the order, its view and billing read it the same way. */
    public static Quote ofRenewal(Subscription subscription, UUID partnerId, Renewal renewal, QuotePricing.Priced priced, Instant now) {
        Quote quote = priced(subscription, partnerId, priced, now);
        quote.planCode = renewal.planCode;
        quote.agents = renewal.agents;
        quote.addOns = Map.copyOf(renewal.addOns);
        quote.expiresAt = now; // never confirmable: only its renewal order charges it
        quote.persist();
        return quote;
    }

    /** What a quote and a renewal share: whose it is, the subscription version and the priced lines and amounts. */
    private static Quote priced(Subscription subscription, UUID partnerId, QuotePricing.Priced priced, Instant now) {
        Quote quote = new Quote();
        quote.id = UUID.randomUUID();
        quote.customerId = subscription.customerId;
        quote.partnerId = partnerId;
        quote.basedOnVersion = subscription.version;
        quote.imCredits = priced.imCredits();
        quote.creditBalance = priced.creditBalance().amount();
        quote.lines = priced.lines();
        quote.proration = priced.proration();
        quote.currency = subscription.currency;
        quote.subtotal = priced.subtotal().amount();
        quote.fee = priced.fee().amount();
        quote.total = priced.total().amount();
        quote.createdAt = now;
        return quote;
    }

    public static Optional<Quote> findFor(UUID customerId, UUID id) {
        return find("id = ?1 and customerId = ?2", id, customerId).firstResultOptional();
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Money subtotal() {
        return Money.of(subtotal, currency);
    }

    public Money fee() {
        return Money.of(fee, currency);
    }

    public Money total() {
        return Money.of(total, currency);
    }

    public Money creditBalance() {
        return Money.of(creditBalance, currency);
    }
}
