package io.imcredits.credits;

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
 * What is left of one grant that carries an expiry date. Every method expects the caller's transaction
 * to hold the account's row lock (CreditAccount.move or lock), so one account's lots change one
 * transaction at a time.
 */
@Entity
@Table(name = "credit_lot")
public class CreditLot extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "customer_id")
    public UUID customerId;

    public String reference;

    public BigDecimal granted;

    public BigDecimal remaining;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    /** A grant with an expiry date: its lot, and the account's expiring part grows by it. */
    public static void open(UUID customerId, String reference, BigDecimal amount, Instant expiresAt, Instant now) {
        getEntityManager().createNativeQuery("""
                        with lot as (insert into credit_lot (customer_id, reference, granted, remaining, expires_at, created_at)
                                     values (?1, ?2, ?3, ?3, ?4, ?5))
                        update credit_account set expiring = expiring + ?3 where customer_id = ?1""")
                .setParameter(1, customerId).setParameter(2, reference).setParameter(3, amount)
                .setParameter(4, expiresAt).setParameter(5, now).executeUpdate();
    }

    /**
     * Takes a spend of this amount from the account's lots, earliest-expiring first, in one statement:
     * each lot gives what the lots before it could not cover, up to what it has, and the account's
     * expiring part (the sum of its lots) shrinks by what they gave. A spend larger than all lots empties them; the rest comes
     * from credits without an expiry date. Nothing to do (no statement) when the account has nothing expiring.
     *
     * @param expiring the account's expiring part, read under the row lock this transaction holds
     */
    public static void spend(UUID customerId, BigDecimal amount, BigDecimal expiring) {
        if (expiring.signum() == 0 || amount.signum() <= 0) return;
        getEntityManager().createNativeQuery("""
                        with taken as (
                            update credit_lot lot set remaining = lot.remaining - least(lot.remaining, ?2 - earlier.covered)
                            from (select id, coalesce(sum(remaining) over (order by expires_at, id
                                         rows between unbounded preceding and 1 preceding), 0) as covered
                                  from credit_lot where customer_id = ?1 and remaining > 0) earlier
                            where lot.id = earlier.id and earlier.covered < ?2)
                        update credit_account set expiring = expiring - least(expiring, ?2) where customer_id = ?1""")
                .setParameter(1, customerId).setParameter(2, amount).executeUpdate();
    }

    /** The account's lots with credits left, earliest-expiring first. */
    public static List<CreditLot> unspent(UUID customerId) {
        return list("customerId = ?1 and remaining > 0 order by expiresAt, id", customerId);
    }

    /**
     * Closes a lot whose day has come: nothing is left in it and the account's expiring part shrinks by
     * what was. Answers what it held; the caller writes off what of it is still available.
     */
    public BigDecimal close(Instant now) {
        BigDecimal left = remaining;
        getEntityManager().createNativeQuery("update credit_account set expiring = expiring - ?2 where customer_id = ?1")
                .setParameter(1, customerId).setParameter(2, left).executeUpdate();
        remaining = BigDecimal.ZERO;
        expiredAt = now;
        return left;
    }

    /** Lots whose day has come and that still have credits, earliest first. */
    public static List<CreditLot> due(Instant now, int limit) {
        return find("remaining > 0 and expiresAt <= ?1 order by expiresAt, id", now).page(0, limit).list();
    }

    public Money remainingMoney(String currency) {
        return new Money(remaining, currency);
    }

    public Money grantedMoney(String currency) {
        return new Money(granted, currency);
    }
}
