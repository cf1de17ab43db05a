package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a customer's available credits. Append-only: rows are inserted, never updated or deleted. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    public enum Type {
        GRANT, DEBIT, HOLD, RELEASE, SETTLE, EXPIRY, REFUND, ADJUSTMENT
    }

    @Id
    public Long seq;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public Type type;

    public BigDecimal amount;

    @Column(name = "balance_after")
    public BigDecimal balanceAfter;

    public String reference;

    public String description;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at")
    public Instant createdAt;

    /** A debit's part that went to post-paid usage (not in amount: it never touches the prepaid balance). */
    public BigDecimal postpaid;

    /** The PostpaidUsageRecorded of that part: billing's usageId. */
    @Column(name = "usage_id")
    public UUID usageId;

    /** Which entries of one account a reader wants; null bounds are open. */
    public record Filter(Set<Type> types, Instant from, Instant to) {}

    /**
     * Appends an entry unless one with the same idempotency key exists for this customer.
     * False means it was already applied: the caller rolls its change back and answers the first result.
     */
    public static boolean append(UUID customerId, Type type, BigDecimal amount, BigDecimal balanceAfter, String reference,
            String description, String idempotencyKey, Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (customer_id, idempotency_key) do nothing""")
                .setParameter(1, customerId).setParameter(2, type.name()).setParameter(3, amount)
                .setParameter(4, balanceAfter).setParameter(5, reference).setParameter(6, description)
                .setParameter(7, idempotencyKey).setParameter(8, now)
                .executeUpdate() == 1;
    }

    /** A row for appendAll; postpaid and usageId: a debit's post-paid part and its usage (zero and null without). */
    public record NewEntry(UUID customerId, BigDecimal amount, BigDecimal balanceAfter, String reference, String description,
            String idempotencyKey, BigDecimal postpaid, UUID usageId) {}

    /** Appends many entries of one type in one statement; answers how many were new (a key already present is skipped). */
    public static int appendAll(Type type, List<NewEntry> entries, Instant now) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            int p = 3 + i * 8;
            values.append(i == 0 ? "" : ", ").append("(?").append(p).append(", ?1, ?").append(p + 1).append(", ?").append(p + 2)
                    .append(", ?").append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(", ?2, ?")
                    .append(p + 6).append(", cast(nullif(cast(?").append(p + 7).append(" as varchar), '') as uuid))");
        }
        var query = getEntityManager().createNativeQuery("""
                insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at,
                                          postpaid, usage_id)
                values %s on conflict (customer_id, idempotency_key) do nothing""".formatted(values))
                .setParameter(1, type.name()).setParameter(2, now);
        for (int i = 0; i < entries.size(); i++) {
            NewEntry entry = entries.get(i);
            int p = 3 + i * 8;
            query.setParameter(p, entry.customerId()).setParameter(p + 1, entry.amount()).setParameter(p + 2, entry.balanceAfter())
                    .setParameter(p + 3, entry.reference()).setParameter(p + 4, entry.description())
                    .setParameter(p + 5, entry.idempotencyKey()).setParameter(p + 6, entry.postpaid())
                    .setParameter(p + 7, entry.usageId() == null ? "" : entry.usageId().toString()); // "" for none: no untyped null
        }
        return query.executeUpdate();
    }

    /** The entries of these accounts with any of these keys (a caller matches account and key in pairs). */
    public static List<LedgerEntry> findByKeys(Collection<UUID> customerIds, Collection<String> idempotencyKeys) {
        return list("customerId in ?1 and idempotencyKey in ?2", customerIds, idempotencyKeys);
    }

    public static Optional<LedgerEntry> findByKey(UUID customerId, String idempotencyKey) {
        return find("customerId = ?1 and idempotencyKey = ?2", customerId, idempotencyKey).firstResultOptional();
    }

    /** The sequence number of the account's entry with this key (one this transaction may just have appended). */
    public static long seqOf(UUID customerId, String idempotencyKey) {
        return getEntityManager().createQuery("select e.seq from LedgerEntry e where e.customerId = ?1 and e.idempotencyKey = ?2", Long.class)
                .setParameter(1, customerId).setParameter(2, idempotencyKey).getSingleResult();
    }

    /** The account's entries matching the filter, newest first. */
    public static PanacheQuery<LedgerEntry> newestFirst(UUID customerId, Filter filter) {
        List<String> where = new ArrayList<>(List.of("customerId = :customer"));
        Parameters parameters = Parameters.with("customer", customerId);
        if (filter.types() != null && !filter.types().isEmpty()) {
            where.add("type in :types");
            parameters.and("types", filter.types());
        }
        if (filter.from() != null) {
            where.add("createdAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("createdAt < :to");
            parameters.and("to", filter.to());
        }
        return find(String.join(" and ", where), Sort.descending("seq"), parameters);
    }

    /** What the account spent on one UTC day and on how many messages. */
    public record DaySpend(LocalDate day, BigDecimal spent, long messages) {}

    /**
     * The account's spend per UTC day in [from, to), oldest first, only the days with some, summed by PostgreSQL: each
     * DEBIT's price (its prepaid part and its post-paid part) on the day of the debit, unless the message was refunded
     * since (a REFUND: not delivered, nothing spent), and each hold settled at a price (credit_hold.spent, which its
     * ledger entries do not carry: the HOLD set the price aside, the SETTLE moved nothing) on the day it was settled.
     * Grants, adjustments, expiries, open and released holds are not spend.
     */
    public static List<DaySpend> spendPerDay(UUID customerId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select cast(s.at at time zone 'UTC' as date), sum(s.spent), count(*)
                from (select d.created_at as at, d.postpaid - d.amount as spent
                      from ledger_entry d
                      where d.customer_id = ?1 and d.type = 'DEBIT' and d.created_at >= ?2 and d.created_at < ?3
                        and not exists (select 1 from ledger_entry r where r.customer_id = d.customer_id
                                        and r.idempotency_key = 'refund:' || substr(d.idempotency_key, 7))
                      union all
                      select h.closed_at, h.spent
                      from credit_hold h
                      where h.customer_id = ?1 and h.status = 'SETTLED' and h.spent > 0 and h.closed_at >= ?2 and h.closed_at < ?3) s
                group by 1 order by 1""")
                .setParameter(1, customerId).setParameter(2, from).setParameter(3, to)
                .getResultList();
        return rows.stream().map(row -> new DaySpend(row[0] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) row[0],
                (BigDecimal) row[1], ((Number) row[2]).longValue())).toList();
    }

    /** The sum of all the account's entries: always equal to its available balance. */
    public static BigDecimal sumFor(UUID customerId) {
        BigDecimal sum = getEntityManager()
                .createQuery("select sum(e.amount) from LedgerEntry e where e.customerId = ?1", BigDecimal.class)
                .setParameter(1, customerId).getSingleResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    public Money amountMoney(String currency) {
        return new Money(amount, currency);
    }
}
