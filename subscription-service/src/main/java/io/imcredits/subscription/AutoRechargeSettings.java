package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** A customer's auto-recharge: when the credit balance falls below threshold, buy credits, within the monthly caps. */
@Entity
@Table(name = "auto_recharge_settings")
public class AutoRechargeSettings extends PanacheEntityBase {

    /** Why auto-recharge turned itself off. */
    public static final String FAILURES_IN_A_ROW = "FAILURES_IN_A_ROW";

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    public boolean enabled;

    /** In the subscription's currency, as is the cap. */
    public BigDecimal threshold;

    public String currency;

    /** IM credits one recharge buys. */
    public int credits;

    @Column(name = "monthly_max_recharges")
    public Integer monthlyMaxRecharges;

    @Column(name = "monthly_max_amount")
    public BigDecimal monthlyMaxAmount;

    @Column(name = "failures_in_a_row")
    public int failuresInARow;

    @Column(name = "disabled_reason")
    public String disabledReason;

    /** The settings' version as AutoRechargeConfigured carries it: bumped by every change (not an optimistic lock). */
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What a customer who never configured auto-recharge has: off, version 0 (never stored). */
    public static AutoRechargeSettings defaults(UUID customerId, String currency, int credits) {
        AutoRechargeSettings settings = new AutoRechargeSettings();
        settings.customerId = customerId;
        settings.enabled = false;
        settings.threshold = BigDecimal.ZERO;
        settings.currency = currency;
        settings.credits = credits;
        return settings;
    }

    public static Optional<AutoRechargeSettings> findOf(UUID customerId) {
        return findByIdOptional(customerId);
    }

    /** Locked for the rest of the transaction, after the customer's subscription (the service's one lock order). */
    public static Optional<AutoRechargeSettings> lockOf(UUID customerId) {
        return findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Money threshold() {
        return Money.of(threshold, currency);
    }

    /** null when there is no cap on the amount. */
    public Money monthlyMaxAmount() {
        return monthlyMaxAmount == null ? null : Money.of(monthlyMaxAmount, currency);
    }
}
