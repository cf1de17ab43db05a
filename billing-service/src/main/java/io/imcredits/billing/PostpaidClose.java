package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One close of a customer's post-paid period in one currency: the usage it claimed, what it took over
 * from the close before (carriedIn), what it charged (whole minor units, or nothing below the minimum)
 * and what it leaves to the next close (carriedOut). usageTotal + carriedIn = charged + carriedOut.
 */
@Entity
@Table(name = "postpaid_close")
public class PostpaidClose extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    public String currency;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Column(name = "usage_count")
    public int usageCount;

    @Column(name = "usage_total")
    public BigDecimal usageTotal;

    @Column(name = "carried_in")
    public BigDecimal carriedIn;

    public BigDecimal charged;

    @Column(name = "carried_out")
    public BigDecimal carriedOut;

    /** The close whose carriedOut this one took over (unique: a carry is taken once). */
    @Column(name = "carried_from")
    public UUID carriedFrom;

    @Column(name = "charge_id")
    public UUID chargeId;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The customer's latest close in this currency: the one no later close has carried from. */
    public static Optional<PostpaidClose> latest(UUID customerId, String currency) {
        return find("""
                from PostpaidClose c where c.customerId = ?1 and c.currency = ?2
                and not exists (select 1 from PostpaidClose later where later.carriedFrom = c.id)""", customerId, currency)
                .firstResultOptional();
    }
}
