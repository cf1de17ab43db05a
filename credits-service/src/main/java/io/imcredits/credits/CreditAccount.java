package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A customer's credits: what Desk may spend (available) and what open holds set aside (held). The balances
 * change only through the guarded statements below; dynamic updates keep an entity write (the threshold)
 * from writing back balances it read earlier.
 */
@Entity
@DynamicUpdate
@Table(name = "credit_account")
public class CreditAccount extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    public String currency;

    public BigDecimal available;

    public BigDecimal held;

    @Column(name = "low_balance_threshold")
    public BigDecimal lowBalanceThreshold;

    @Column(name = "overage_limit")
    public BigDecimal overageLimit;

    /** The subscription's standing (SubscriptionStandingChanged): only ACTIVE may use the post-paid allowance. */
    public enum Standing {
        ACTIVE, PAST_DUE, SUSPENDED, CANCELLED
    }

    @Enumerated(EnumType.STRING)
    public Standing standing;

    /** CreditsLow was told for this low balance: a threshold raised again tells nothing until a credit lifts the balance back. */
    @Column(name = "low_alerted")
    public boolean lowAlerted;

    /**
     * Auto-recharge's line, as subscription-service configured it (AutoRechargeConfigured); null: off. A balance
     * change crossing it emits AutoRechargeTriggered (see BalanceAlerts).
     */
    @Column(name = "auto_recharge_threshold")
    public BigDecimal autoRechargeThreshold;

    /** The version of the auto-recharge settings applied last; null: never configured. An older one is ignored. */
    @Column(name = "auto_recharge_version")
    public Integer autoRechargeVersion;

    /** The part of the balance granted with an expiry date: what the open lots hold (see CreditLot). */
    public BigDecimal expiring;

    /** Post-paid usage counted in postpaidPeriod (billed by billing-service, never netted by a grant). */
    @Column(name = "postpaid_used")
    public BigDecimal postpaidUsed;

    /** The first day of the month (UTC) postpaidUsed counts; an older month means nothing used yet this month. */
    @Column(name = "postpaid_period")
    public LocalDate postpaidPeriod;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The balance after a guarded change, read back from the same UPDATE; expiring: what of it carries an expiry date;
     * rechargeThreshold: the auto-recharge line in force (null: off).
     */
    public record Moved(UUID customerId, UUID partnerId, String currency, BalanceChange change, BigDecimal expiring,
            BigDecimal rechargeThreshold) {

        public Money available() {
            return new Money(change.after(), currency);
        }
    }

    /** Opens the account once; a second registration (or a grant that came first) leaves it as it is. */
    public static void open(UUID customerId, UUID partnerId, String currency, Instant now) {
        getEntityManager().createNativeQuery("""
                insert into credit_account (customer_id, partner_id, currency, updated_at) values (?1, ?2, ?3, ?4)
                on conflict (customer_id) do nothing""")
                .setParameter(1, customerId).setParameter(2, partnerId).setParameter(3, currency).setParameter(4, now)
                .executeUpdate();
    }

    /** The account if this caller may act on it; another tenant's account is as unknown as a missing one. */
    public static CreditAccount visibleTo(Caller caller, UUID customerId) {
        return visible(caller, customerId, CreditAccount.findByIdOptional(customerId));
    }

    /** The same, read by {@link #read}: for a caller that only looks. */
    public static Uni<CreditAccount> visibleTo(Caller caller, UUID customerId, Pool pool) {
        return read(pool, customerId).map(account -> visible(caller, customerId, account));
    }

    private static CreditAccount visible(Caller caller, UUID customerId, Optional<CreditAccount> account) {
        return account.filter(a -> caller.maySee(a.partnerId, a.customerId))
                .orElseThrow(() -> new NotFound("No credit account for customer " + customerId));
    }

    /** Every column, in the order {@link #read} takes them (deploy/bench/sql/read.sql runs the same statement). */
    static final String SELECT_ONE = """
            select customer_id, partner_id, currency, available, held, low_balance_threshold, overage_limit, standing, low_alerted,
                   auto_recharge_threshold, auto_recharge_version, expiring, postpaid_used, postpaid_period, updated_at
            from credit_account where customer_id = $1""";

    /**
     * The account as it stands, read with one prepared statement by the reactive client on the event loop, in no
     * session (a detached copy: changing it changes nothing). Desk reads the balance on every screen: Hibernate's
     * session and entity load were a quarter of that request's cost (JFR), and the hop to a worker thread and a
     * blocking JDBC round trip most of the rest. Every change still goes through the entity and the guarded statements.
     * A lost connection stays in the cause chain, so the problem mapper still answers it 503.
     */
    static Uni<Optional<CreditAccount>> read(Pool pool, UUID customerId) {
        return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(customerId)).map(rows -> {
            RowIterator<Row> found = rows.iterator();
            if (!found.hasNext()) return Optional.empty();
            Row row = found.next();
            CreditAccount a = new CreditAccount();
            a.customerId = row.getUUID(0);
            a.partnerId = row.getUUID(1);
            a.currency = row.getString(2);
            a.available = row.getBigDecimal(3);
            a.held = row.getBigDecimal(4);
            a.lowBalanceThreshold = row.getBigDecimal(5);
            a.overageLimit = row.getBigDecimal(6);
            a.standing = Standing.valueOf(row.getString(7));
            a.lowAlerted = row.getBoolean(8);
            a.autoRechargeThreshold = row.getBigDecimal(9);
            a.autoRechargeVersion = row.getInteger(10);
            a.expiring = row.getBigDecimal(11);
            a.postpaidUsed = row.getBigDecimal(12);
            a.postpaidPeriod = row.getLocalDate(13);
            a.updatedAt = row.getOffsetDateTime(14).toInstant();
            return Optional.of(a);
        });
    }

    /** Which accounts a listing wants; a null or empty part does not filter. */
    public record Filter(UUID partnerId, Collection<UUID> customerIds, Set<BalanceChange.Status> statuses) {}

    /**
     * One page of the accounts matching the filter, by customer id, and the number of them all, in one statement (the
     * total rides on each row as a window count). Only a page past the end, which has no row to carry it, counts again.
     * The status conditions are BalanceChange.status written in SQL.
     */
    public static Page<CreditAccount> list(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.partnerId() != null) {
            where.add("a.partnerId = :partner");
            parameters.put("partner", filter.partnerId());
        }
        if (filter.customerIds() != null && !filter.customerIds().isEmpty()) {
            where.add("a.customerId in :customers");
            parameters.put("customers", filter.customerIds());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add(filter.statuses().stream().map(status -> switch (status) {
                case EXHAUSTED -> "a.available <= 0";
                case LOW -> "(a.available > 0 and a.available < a.lowBalanceThreshold)";
                case OK -> "(a.available > 0 and a.available >= a.lowBalanceThreshold)";
            }).sorted().collect(java.util.stream.Collectors.joining(" or ", "(", ")")));
        }
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        var query = getEntityManager().createQuery("select a, count(*) over () from CreditAccount a" + condition + " order by a.customerId",
                Object[].class).setFirstResult(page * size).setMaxResults(size);
        parameters.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        long total;
        if (!rows.isEmpty()) total = (Long) rows.get(0)[1];
        else if (page == 0) total = 0;
        else {
            var count = getEntityManager().createQuery("select count(*) from CreditAccount a" + condition, Long.class);
            parameters.forEach(count::setParameter);
            total = count.getSingleResult();
        }
        return new Page<>(rows.stream().map(row -> (CreditAccount) row[0]).toList(), page, size, total);
    }

    /**
     * Adds delta to available (and heldDelta to held) in one statement. The UPDATE takes the row lock
     * and re-checks its guard against the latest committed balance, so concurrent writers neither lose
     * an update nor overdraw: a decrease that would go below zero matches no row and changes nothing.
     * Post-paid usage never goes through here (see DebitBatch): the prepaid balance is never negative. A decrease
     * below the low-balance line marks the account alerted (BalanceAlerts tells it); a credit back to it re-arms it.
     */
    public static Optional<Moved> move(UUID customerId, BigDecimal delta, BigDecimal heldDelta, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                update credit_account set available = available + ?2, held = held + ?3, updated_at = ?4,
                    low_alerted = case when ?2 > 0 and available + ?2 >= low_balance_threshold then false
                                       when low_balance_threshold > 0 and available >= low_balance_threshold
                                            and available + ?2 < low_balance_threshold then true
                                       else low_alerted end
                where customer_id = ?1 and (?2 >= 0 or available + ?2 >= 0)
                returning partner_id, currency, available, low_balance_threshold, expiring, auto_recharge_threshold""")
                .setParameter(1, customerId).setParameter(2, delta).setParameter(3, heldDelta)
                .setParameter(4, now)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            BigDecimal after = (BigDecimal) row[2];
            return new Moved(customerId, (UUID) row[0], (String) row[1],
                    new BalanceChange(after.subtract(delta), after, (BigDecimal) row[3]), (BigDecimal) row[4], (BigDecimal) row[5]);
        });
    }

    /** The account's balance and limits, its row locked until the transaction ends: a group debit decides under this lock. */
    public record Locked(UUID partnerId, String currency, BigDecimal available, BigDecimal threshold, BigDecimal overageLimit,
            BigDecimal expiring, BigDecimal postpaidUsed, LocalDate postpaidPeriod, Standing standing, BigDecimal rechargeThreshold) {

        /** The post-paid allowance this account may use now: none unless its subscription is in good standing. */
        public BigDecimal allowance() {
            return standing == Standing.ACTIVE ? overageLimit : BigDecimal.ZERO;
        }

        /** Whether the allowance is there but stopped by the standing (a refusal says so). */
        public boolean allowanceStopped() {
            return standing != Standing.ACTIVE && overageLimit.signum() > 0;
        }

        /** The post-paid usage counted so far in this period (a new month starts from nothing). */
        public BigDecimal postpaidUsedIn(LocalDate period) {
            return period.equals(postpaidPeriod) ? postpaidUsed : BigDecimal.ZERO;
        }
    }

    /** The billing period (calendar month, UTC) an instant falls in, as its first day. */
    public static LocalDate period(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
    }

    public static Locked lock(UUID customerId) {
        return lockAll(List.of(customerId)).get(customerId);
    }

    /** Locks the accounts in customer-id order, the same order for every batch, so two batches never deadlock. */
    public static Map<UUID, Locked> lockAll(Collection<UUID> customerIds) {
        var query = getEntityManager().createNativeQuery("""
                select customer_id, partner_id, currency, available, low_balance_threshold, overage_limit, expiring,
                       postpaid_used, postpaid_period, standing, auto_recharge_threshold
                from credit_account where customer_id in (?1) order by customer_id for update""")
                .setParameter(1, customerIds);
        Map<UUID, Locked> locked = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            locked.put((UUID) columns[0], new Locked((UUID) columns[1], (String) columns[2], (BigDecimal) columns[3],
                    (BigDecimal) columns[4], (BigDecimal) columns[5], (BigDecimal) columns[6], (BigDecimal) columns[7],
                    columns[8] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) columns[8],
                    Standing.valueOf((String) columns[9]), (BigDecimal) columns[10]));
        }
        return locked;
    }

    /** One account's share of a group debit: what it takes off the prepaid balance (delta) and adds to post-paid usage. */
    public record Share(BigDecimal delta, BigDecimal postpaid) {}

    /**
     * Applies each account's share of a group debit to accounts this transaction has locked (see lockAll). Post-paid
     * usage adds to the running total of the current period, which starts again from zero in a new month.
     */
    public static void addAll(Map<UUID, Share> shares, Instant now) {
        if (shares.isEmpty()) return;
        List<Map.Entry<UUID, Share>> rows = List.copyOf(shares.entrySet());
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            int p = 3 + 3 * i;
            values.append(i == 0 ? "" : ", ").append("(cast(?").append(p).append(" as uuid), cast(?").append(p + 1)
                    .append(" as numeric), cast(?").append(p + 2).append(" as numeric))");
        }
        var query = getEntityManager().createNativeQuery("""
                update credit_account a set available = a.available + d.delta, updated_at = ?1,
                    low_alerted = a.low_alerted or (a.low_balance_threshold > 0 and a.available >= a.low_balance_threshold
                                                    and a.available + d.delta < a.low_balance_threshold),
                    postpaid_used = case when d.postpaid = 0 then a.postpaid_used
                                         else case when a.postpaid_period = ?2 then a.postpaid_used else 0 end + d.postpaid end,
                    postpaid_period = case when d.postpaid = 0 then a.postpaid_period else ?2 end
                from (values %s) as d (customer_id, delta, postpaid) where a.customer_id = d.customer_id""".formatted(values))
                .setParameter(1, now).setParameter(2, period(now));
        for (int i = 0; i < rows.size(); i++) {
            int p = 3 + 3 * i;
            Share share = rows.get(i).getValue();
            query.setParameter(p, rows.get(i).getKey()).setParameter(p + 1, share.delta()).setParameter(p + 2, share.postpaid());
        }
        query.executeUpdate();
    }

    /** The post-paid usage counted in the period of this instant. */
    public BigDecimal postpaidUsedIn(Instant now) {
        return period(now).equals(postpaidPeriod) ? postpaidUsed : BigDecimal.ZERO;
    }

    public Money availableMoney() {
        return new Money(available, currency);
    }

    public Money heldMoney() {
        return new Money(held, currency);
    }

    public Money expiringMoney() {
        return new Money(expiring, currency);
    }

    public Money threshold() {
        return new Money(lowBalanceThreshold, currency);
    }

    /** The auto-recharge threshold, or null while auto-recharge is off. */
    public Money autoRechargeThresholdMoney() {
        return autoRechargeThreshold == null ? null : new Money(autoRechargeThreshold, currency);
    }

    public BalanceChange.Status status() {
        return BalanceChange.status(available, lowBalanceThreshold);
    }
}
