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

    /** One spend to take from the lots: the idempotency key of its ledger entry and what the prepaid balance paid. */
    public record Take(String key, BigDecimal amount) {}

    /**
     * Takes spends from the account's lots in one statement, in order, earliest-expiring lot first: laid end to
     * end, the spends and the lots each cover a stretch of one line, and a spend takes from a lot what their
     * stretches share. So each lot gives what the lots before it could not cover, up to what it has; a spend
     * larger than all lots empties them and the rest comes from credits without an expiry date. Every take is
     * recorded (lot_take) so a refund or a released hold can give it back to the lot it came from, and the
     * account's expiring part (the sum of its lots) shrinks by what they gave. Nothing to do (no statement)
     * when the account has nothing expiring.
     *
     * @param expiring the account's expiring part, read under the row lock this transaction holds
     */
    public static void spend(UUID customerId, List<Take> takes, BigDecimal expiring) {
        List<Take> spends = takes.stream().filter(take -> take.amount().signum() > 0).toList();
        if (expiring.signum() == 0 || spends.isEmpty()) return;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < spends.size(); i++) {
            int p = 2 + 2 * i;
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", cast(?").append(p).append(" as varchar), cast(?")
                    .append(p + 1).append(" as numeric))");
        }
        var query = getEntityManager().createNativeQuery("""
                with spend as (
                    select key, sum(amount) over (order by n) - amount as upto, sum(amount) over (order by n) as through
                    from (values %s) as s (n, key, amount)),
                lot as (
                    select id, sum(remaining) over (order by expires_at, id) - remaining as upto,
                           sum(remaining) over (order by expires_at, id) as through
                    from credit_lot where customer_id = ?1 and remaining > 0),
                took as (
                    select spend.key, lot.id, least(spend.through, lot.through) - greatest(spend.upto, lot.upto) as amount
                    from spend join lot on spend.upto < lot.through and lot.upto < spend.through),
                recorded as (
                    insert into lot_take (customer_id, spend_key, lot_id, amount) select ?1, key, id, amount from took),
                emptied as (
                    update credit_lot set remaining = remaining - t.amount
                    from (select id, sum(amount) as amount from took group by id) t where credit_lot.id = t.id)
                update credit_account set expiring = expiring - (select coalesce(sum(amount), 0) from took)
                where customer_id = ?1""".formatted(values)).setParameter(1, customerId);
        for (int i = 0; i < spends.size(); i++) {
            query.setParameter(2 + 2 * i, spends.get(i).key()).setParameter(3 + 2 * i, spends.get(i).amount());
        }
        query.executeUpdate();
    }

    /**
     * Gives a spend that did not happen (a refund, a voided or timed-out hold) back to the lots it took from, with their
     * expiry dates: a dated credit never comes back undated. What it took from a lot whose day has come is not
     * given back (it would have expired): answers that part, which the caller writes off.
     */
    public static BigDecimal giveBack(UUID customerId, String key, Instant now) {
        Object expired = getEntityManager().createNativeQuery("""
                with back as (
                    select take.lot_id, take.amount, lot.expires_at <= ?3 or lot.expired_at is not null as expired
                    from lot_take take join credit_lot lot on lot.id = take.lot_id
                    where take.customer_id = ?1 and take.spend_key = ?2),
                refilled as (
                    update credit_lot set remaining = remaining + back.amount
                    from back where credit_lot.id = back.lot_id and not back.expired),
                account as (
                    update credit_account set expiring = expiring + (select coalesce(sum(amount), 0) from back where not expired)
                    where customer_id = ?1)
                select coalesce(sum(amount), 0) from back where expired""")
                .setParameter(1, customerId).setParameter(2, key).setParameter(3, now).getSingleResult();
        return (BigDecimal) expired;
    }

    /** The ledger's note on a give-back (a refund, a voided or timed-out hold) of the part giveBack wrote off. */
    static String writtenOff(BigDecimal expired) {
        return expired.signum() == 0 ? "" : "; " + expired.toPlainString() + " of it came from credits that have expired since";
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
