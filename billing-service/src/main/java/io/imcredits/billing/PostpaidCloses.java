package io.imcredits.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import io.imcredits.billing.Charges.ChargeRequested;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Post-paid usage: recorded as credits-service reports it, and charged once per customer and
 * billing period (calendar month, UTC). Each close claims its usage rows, rounds what is owed to
 * whole minor units (Money.toMinorUnits) and carries the remainder, or all of it when below
 * billing.minimum-charge, to the next close. The invoice has one line per country × category × unit
 * price; the per-message detail is the invoice's usage CSV. The charge goes through the same worker
 * as orders, so a failed one is retried and the customer shows as past due.
 */
@ApplicationScoped
public class PostpaidCloses {

    /** A customer's charge for a closed period. */
    public record PeriodCharge(UUID chargeId, UUID customerId, Money total, int lines) {}

    /** A close that charged nothing (below the minimum charge): the amount waits for the next period. */
    public record PeriodCarried(UUID customerId, Money carriedToNextPeriod) {}

    public record Closed(List<PeriodCharge> charges, List<PeriodCarried> carried) {}

    /** One post-paid message as credits-service reports it; country and category may be absent (older reports). */
    public record Usage(UUID usageId, UUID customerId, UUID partnerId, String messageId, Money amount, Instant recordedAt,
            String country, String category) {}

    private record Group(String country, String category, BigDecimal unitPrice) {}

    private final Event<ChargeRequested> requested;
    private final BillingConfig config;
    private final EntityManager em;
    private final DataSource db;
    private final Clock clock;

    PostpaidCloses(Event<ChargeRequested> requested, BillingConfig config, EntityManager em, DataSource db, Clock clock) {
        this.requested = requested;
        this.config = config;
        this.em = em;
        this.db = db;
        this.clock = clock;
    }

    /** In the consumer's transaction; the usage id makes a repeated report harmless. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Usage reported) {
        UUID usageId = reported.usageId();
        Money amount = reported.amount();
        if (PostpaidUsage.findById(usageId) != null) {
            Log.infof("Post-paid usage %s already recorded", usageId);
            return;
        }
        if (amount.signum() <= 0) throw new IllegalArgumentException("Post-paid usage " + usageId + " has no positive amount");
        PostpaidUsage usage = new PostpaidUsage();
        usage.usageId = usageId;
        usage.customerId = reported.customerId();
        usage.partnerId = reported.partnerId();
        usage.messageId = reported.messageId();
        usage.amount = amount.amount();
        usage.currency = amount.currency();
        usage.country = label(usageId, "country", reported.country());
        usage.category = label(usageId, "category", reported.category());
        usage.recordedAt = reported.recordedAt() == null ? Instant.now(clock) : reported.recordedAt();
        usage.persist();
    }

    /** Older events carry no country or category: they are grouped as "unknown". */
    private static String label(UUID usageId, String field, String value) {
        if (value == null || value.isBlank()) return PostpaidUsage.UNKNOWN;
        if (value.length() > 100) throw new IllegalArgumentException("Post-paid usage " + usageId + " has a " + field + " over 100 characters");
        return value.strip();
    }

    /** At the start of each month, the month before closes: in one instance only (the others skip it). */
    @Scheduled(cron = "${billing.period-close-cron}", timeZone = "UTC", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void closeLastMonth() throws SQLException {
        closeAsOnlyInstance(YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .ifPresent(closed -> Log.infof("Billing period closed: %d post-paid charges, %d carried below the minimum",
                        closed.charges().size(), closed.carried().size()));
    }

    /**
     * Closes the period unless another instance is closing it now: a session advisory lock, freed when this
     * run ends or its connection dies. (A second run after the first has finished finds the usage claimed.)
     */
    Optional<Closed> closeAsOnlyInstance(Instant periodEnd) throws SQLException {
        try (Connection connection = db.getConnection()) {
            if (!advisoryLock(connection, "pg_try_advisory_lock")) {
                Log.infof("Billing period until %s: another instance is closing it", periodEnd);
                return Optional.empty();
            }
            try {
                return Optional.of(close(periodEnd, null));
            } finally {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(hashtextextended('billing:postpaid-period-job', 0))");
                ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** Closes all usage recorded before periodEnd and not yet claimed (of one customer, or of all), one transaction per customer. */
    public Closed close(Instant periodEnd, UUID onlyCustomer) {
        List<PeriodCharge> charges = new ArrayList<>();
        List<PeriodCarried> carried = new ArrayList<>();
        for (PostpaidUsage.Unclaimed unclaimed : QuarkusTransaction.requiringNew().call(() -> PostpaidUsage.unclaimed(periodEnd, onlyCustomer))) {
            Object closed = QuarkusTransaction.requiringNew().call(() -> closeOne(unclaimed.customerId(), unclaimed.currency(), periodEnd));
            if (closed instanceof PeriodCharge charge) charges.add(charge);
            if (closed instanceof PeriodCarried carry) carried.add(carry);
        }
        return new Closed(charges, carried);
    }

    /** A PeriodCharge, a PeriodCarried, or null when another close took the usage first. */
    private Object closeOne(UUID customerId, String currency, Instant periodEnd) {
        // one close per customer and currency at a time: the carry it reads is the one the previous close left
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, "billing:postpaid-close:" + customerId + ":" + currency).getSingleResult();
        UUID closeId = UUID.randomUUID();
        List<PostpaidUsage> usage = PostpaidUsage.claim(closeId, customerId, currency, periodEnd);
        if (usage.isEmpty()) return null;
        Optional<PostpaidClose> previous = PostpaidClose.latest(customerId, currency);
        Money zero = Money.zero(currency);
        Money used = usage.stream().map(PostpaidUsage::money).reduce(zero, Money::plus);
        Money carriedIn = previous.map(p -> Money.of(p.carriedOut, currency)).orElse(zero);
        Money owed = used.plus(carriedIn);
        Money rounded = owed.toMinorUnits();
        boolean chargeable = rounded.signum() > 0 && !rounded.isLessThan(Money.of(config.minimumCharge(), currency));
        Money charged = chargeable ? rounded : zero;
        Money carriedOut = owed.minus(charged);

        PostpaidClose close = new PostpaidClose();
        close.id = closeId;
        close.customerId = customerId;
        close.currency = currency;
        close.periodEnd = periodEnd;
        close.usageCount = usage.size();
        close.usageTotal = used.amount();
        close.carriedIn = carriedIn.amount();
        close.charged = charged.amount();
        close.carriedOut = carriedOut.amount();
        close.carriedFrom = previous.map(p -> p.id).orElse(null);
        close.closedAt = Instant.now(clock);
        close.persist();
        if (!chargeable) {
            Log.infof("Post-paid period of customer %s: %s owed is below the minimum charge; carried to the next period (%d usage records)",
                    customerId, owed, usage.size());
            return new PeriodCarried(customerId, carriedOut);
        }

        List<InvoiceLine> lines = new ArrayList<>(lines(usage));
        if (carriedIn.signum() != 0) lines.add(new InvoiceLine("CARRIED_IN", "Carried from previous period", null, null, carriedIn));
        if (carriedOut.signum() != 0) {
            lines.add(new InvoiceLine("CARRIED_OUT", "Carried to next period (rounding to whole " + currency + " minor units)",
                    null, null, zero.minus(carriedOut)));
        }
        Charge charge = Charge.pending(Charge.Kind.POSTPAID, customerId, usage.get(0).partnerId, UUID.randomUUID(), lines,
                charged, zero, charged, close.closedAt);
        // the period this charge pays for: from where the customer's previous close ended, or its first usage
        charge.periodStart = previous.map(p -> p.periodEnd)
                .orElse(usage.stream().map(u -> u.recordedAt).min(Comparator.naturalOrder()).orElseThrow());
        charge.periodEnd = periodEnd;
        charge.persist();
        close.chargeId = charge.id;
        PostpaidUsage.paidBy(charge.id, customerId, currency); // this close's usage and any carried to it
        requested.fire(new ChargeRequested(charge.id));
        Log.infof("Post-paid charge %s of %s for customer %s (%d usage records, %s carried in, %s carried out)",
                charge.id, charged, customerId, usage.size(), carriedIn, carriedOut);
        return new PeriodCharge(charge.id, customerId, charged, lines.size());
    }

    /** One line per country × category × unit price (a rate change mid-period makes two), not one per message. */
    private static List<InvoiceLine> lines(List<PostpaidUsage> usage) {
        Map<Group, Long> counts = new TreeMap<>(Comparator.comparing(Group::country).thenComparing(Group::category)
                .thenComparing(Group::unitPrice));
        usage.forEach(u -> counts.merge(new Group(u.country, u.category, u.amount), 1L, Long::sum));
        String currency = usage.get(0).currency;
        return counts.entrySet().stream().map(group -> {
            Group g = group.getKey();
            Money unitPrice = Money.of(g.unitPrice(), currency);
            String what = (PostpaidUsage.UNKNOWN.equals(g.category()) ? "Messages" : g.category() + " messages")
                    + (PostpaidUsage.UNKNOWN.equals(g.country()) ? "" : " to " + g.country());
            return new InvoiceLine("POSTPAID_USAGE", what, BigDecimal.valueOf(group.getValue()), unitPrice, unitPrice.times(group.getValue()));
        }).toList();
    }
}
