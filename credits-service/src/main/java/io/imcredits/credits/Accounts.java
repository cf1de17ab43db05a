package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
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

import io.imcredits.credits.PublishedEvents.AutoRechargeTriggered;
import io.imcredits.credits.PublishedEvents.CreditsGranted;
import io.imcredits.credits.PublishedEvents.CreditsLow;
import io.imcredits.credits.outbox.Outbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Credit accounts: opening, grants, the post-paid allowance, alerts, ops adjustments and reading them. */
@ApplicationScoped
public class Accounts {

    /** An ops correction: a signed amount and why; a credit may carry an expiry date (null: it never expires). */
    public record Adjustment(Requested amount, String reason, String idempotencyKey, Instant expiresAt) {}

    /**
     * An amount as a client asks for it: the currency may be left out (the account's), and one other than the
     * account's is refused (422) before it is taken for money.
     */
    public record Requested(BigDecimal amount, String currency) {

        Money in(CreditAccount account) {
            if (currency != null && !currency.equals(account.currency)) {
                throw new Unprocessable("This account is in " + account.currency + ", not " + currency);
            }
            return new Money(amount, account.currency);
        }
    }

    private final Outbox outbox;
    private final BalanceAlerts alerts;
    private final CreditsConfig config;
    private final Clock clock;
    private final CreditsMetrics metrics;
    private final Pool pool;

    Accounts(Outbox outbox, BalanceAlerts alerts, CreditsConfig config, Clock clock, CreditsMetrics metrics, Pool pool) {
        this.metrics = metrics;
        this.pool = pool;
        this.outbox = outbox;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID customerId, UUID partnerId, String currency) {
        CreditAccount.open(customerId, partnerId, currency, clock.instant());
    }

    /** Grants a paid order's credits exactly once, whatever the number of deliveries of its event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grant(Grant grant) {
        UUID customerId = grant.customerId();
        String key = "grant:" + grant.orderId();
        if (LedgerEntry.findByKey(customerId, key).isPresent()) {
            Log.infof("Order %s was already granted to customer %s; nothing to do", grant.orderId(), customerId);
            return;
        }
        Money amount = grant.amount();
        if (amount == null || amount.signum() < 0) throw new IllegalArgumentException("CreditsPurchased needs a positive amount");
        open(customerId, grant.partnerId(), amount.currency()); // the purchase may arrive before the registration
        CreditAccount account = CreditAccount.findById(customerId);
        if (!account.currency.equals(amount.currency())) {
            throw new IllegalArgumentException("Order " + grant.orderId() + " is in " + amount.currency()
                    + " but the credit account of customer " + customerId + " is in " + account.currency);
        }
        Instant now = clock.instant();
        // the whole amount goes to the prepaid balance: post-paid usage is billed, never paid back by a grant
        CreditAccount.Moved moved = CreditAccount.move(customerId, amount.amount(), BigDecimal.ZERO, now).orElseThrow();
        String reference = "order:" + grant.orderId();
        if (grant.expiresAt() != null && amount.signum() > 0) {
            CreditLot.open(customerId, reference, amount.amount(), grant.expiresAt(), now);
        }
        LedgerEntry.append(customerId, LedgerEntry.Type.GRANT, amount.amount(), moved.change().after(), reference,
                grant.credits() + " credits purchased" + validUntil(grant.expiresAt()), key, now);
        outbox.publish(moved.partnerId(), customerId, grant.correlationId(),
                new CreditsGranted(grant.orderId(), customerId, amount, moved.available()));
        metrics.granted(amount.currency());
        Log.infof("Granted %s %s to customer %s for order %s: %s available", amount.amount(), amount.currency(), customerId,
                grant.orderId(), moved.change().after());
    }

    /** Turns the post-paid allowance on or off as the subscription's add-ons say. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void postpaid(UUID customerId, boolean active) {
        BigDecimal limit = active ? allowance() : BigDecimal.ZERO;
        long updated = CreditAccount.update("overageLimit = ?1 where customerId = ?2", limit, customerId);
        if (updated == 0) Log.warnf("License of customer %s updated before its credit account was opened; post-paid ignored", customerId);
        else
            Log.infof("Post-paid overage of customer %s is now %s", customerId, limit);
    }

    /** The configured post-paid allowance; like any amount kept here, at most Money.MAX_SCALE decimals. */
    private BigDecimal allowance() {
        BigDecimal limit = config.postpaidOverageLimit();
        if (limit.stripTrailingZeros().scale() > Money.MAX_SCALE) {
            throw new IllegalStateException("credits.postpaid-overage-limit has more than " + Money.MAX_SCALE + " decimals: " + limit);
        }
        return limit;
    }

    /** Records the subscription's standing: the post-paid allowance is spendable only while it is ACTIVE. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void standing(UUID customerId, CreditAccount.Standing standing, String reason) {
        long updated = CreditAccount.update("standing = ?1 where customerId = ?2", standing, customerId);
        if (updated == 0) Log.warnf("Standing of customer %s changed before its credit account was opened; %s ignored", customerId, standing);
        else
            Log.infof("Subscription of customer %s is now %s (%s)", customerId, standing, reason);
    }

    /**
     * subscription-service's auto-recharge settings (AutoRechargeConfigured): enabled with a threshold, or off. A version
     * not newer than the one applied is ignored (settings may arrive late). Enabling, or raising the threshold, while the
     * balance is already below it is a crossing at once (crossingId "customerId:config:version"); off disarms. An account
     * not opened yet is opened, as a purchase that comes first does, so the settings are there when it is used.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void autoRecharge(UUID customerId, UUID partnerId, UUID correlationId, boolean enabled, Money threshold, int version) {
        if (enabled && threshold == null) throw new IllegalArgumentException("AutoRechargeConfigured enabled lacks data.threshold");
        if (threshold != null && threshold.signum() < 0) throw new IllegalArgumentException("AutoRechargeConfigured with a negative threshold");
        CreditAccount account = CreditAccount.findById(customerId, LockModeType.PESSIMISTIC_WRITE); // debits wait for the decision
        if (account == null) {
            if (threshold == null || partnerId == null) {
                Log.warnf("Auto-recharge of customer %s configured (version %d) before its credit account was opened; ignored", customerId,
                        version);
                return;
            }
            open(customerId, partnerId, threshold.currency());
            account = CreditAccount.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        }
        if (account.autoRechargeVersion != null && version <= account.autoRechargeVersion) {
            Log.infof("Auto-recharge settings version %d of customer %s are not newer than version %d; ignored", version, customerId,
                    account.autoRechargeVersion);
            return;
        }
        if (threshold != null && !account.currency.equals(threshold.currency())) {
            throw new IllegalArgumentException("Auto-recharge threshold of customer " + customerId + " is in " + threshold.currency()
                    + " but the credit account is in " + account.currency);
        }
        BigDecimal previous = account.autoRechargeThreshold;
        BigDecimal line = enabled ? threshold.amount() : null;
        account.autoRechargeThreshold = line;
        account.autoRechargeVersion = version;
        account.updatedAt = clock.instant();
        if (BalanceChange.crossedBySettings(account.available, previous, line)) {
            String crossingId = customerId + ":config:" + version;
            outbox.publish(account.partnerId, customerId, correlationId,
                    new AutoRechargeTriggered(customerId, crossingId, account.availableMoney(), threshold));
            Log.infof("Auto-recharge of customer %s enabled below its threshold %s: %s left (crossing %s)", customerId, line,
                    account.available, crossingId);
        }
        Log.infof("Auto-recharge of customer %s is now %s (version %d)", customerId, line == null ? "off" : "at " + line, version);
    }

    /** What the account holds now, for a caller that only looks (see CreditAccount.read): not blocking, so on the event loop. */
    public Uni<CreditAccount> balance(Caller caller, UUID customerId) {
        return CreditAccount.visibleTo(caller, customerId, pool);
    }

    @Transactional
    public CreditAccount setThreshold(Caller caller, UUID customerId, Requested requested) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        Money threshold = requested.in(account);
        // decide the crossing on the balance as it is now, and keep debits out until the threshold is written
        CreditAccount.getEntityManager().refresh(account, LockModeType.PESSIMISTIC_WRITE);
        account.lowBalanceThreshold = threshold.amount();
        account.updatedAt = clock.instant();
        // a threshold raised above the balance is a crossing too: tell once, and not again for the same low balance
        // however often the threshold is toggled, until a credit lifts the balance back to the line
        if (account.available.compareTo(threshold.amount()) < 0 && !account.lowAlerted) {
            account.lowAlerted = true;
            outbox.publish(account.partnerId, customerId, customerId,
                    new CreditsLow(customerId, account.availableMoney(), threshold));
        }
        Log.infof("Low-balance threshold of customer %s set to %s", customerId, threshold.amount());
        return account;
    }

    /**
     * An ops correction with a reason; a decrease never takes the balance below zero and, like any spend,
     * takes from the earliest-expiring credits first. Answers the account after it.
     */
    @Transactional
    public CreditAccount adjust(Caller caller, UUID customerId, Adjustment adjustment) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        Money amount = adjustment.amount().in(account);
        String key = "adjust:" + adjustment.idempotencyKey();
        // read the account again under its lock: a 402 or a retry states the balance as it is, and two requests
        // with one key serialise here (the second finds the first's entry)
        CreditAccount.getEntityManager().refresh(account, LockModeType.PESSIMISTIC_WRITE);
        BigDecimal delta = amount.amount();
        String description = adjustment.reason() + validUntil(adjustment.expiresAt());
        Optional<LedgerEntry> earlier = LedgerEntry.findByKey(customerId, key);
        if (earlier.isPresent()) {
            // a retry answers the first; another request under the same key would otherwise be silently dropped
            if (earlier.get().amount.compareTo(delta) != 0 || !description.equals(earlier.get().description)) {
                throw new Unprocessable("This Idempotency-Key already made another adjustment (" + earlier.get().amount.toPlainString()
                        + " " + account.currency + ", \"" + earlier.get().description + "\"); send a new key for a new adjustment");
            }
            return account;
        }
        Instant now = clock.instant();
        if (adjustment.expiresAt() != null && (delta.signum() <= 0 || !adjustment.expiresAt().isAfter(now))) {
            throw new Unprocessable("Only a credit can carry an expiry date, and the date must be in the future");
        }
        CreditAccount.Moved moved = CreditAccount.move(customerId, delta, BigDecimal.ZERO, now)
                .orElseThrow(() -> new InsufficientCredits(account.availableMoney(), amount.negate()));
        String reference = "ops:" + caller.subject();
        if (adjustment.expiresAt() != null) CreditLot.open(customerId, reference, delta, adjustment.expiresAt(), now);
        else
            CreditLot.spend(customerId, List.of(new CreditLot.Take(key, delta.negate())), moved.expiring());
        LedgerEntry.append(customerId, LedgerEntry.Type.ADJUSTMENT, delta, moved.change().after(), reference, description, key, now);
        alerts.after(moved, customerId, key);
        Log.infof("Ops %s adjusted customer %s by %s: %s", caller.subject(), customerId, delta, adjustment.reason());
        CreditAccount.getEntityManager().refresh(account);
        return account;
    }

    /**
     * Writes off what is left of a lot whose day has come (the expiry sweep). Every decrease of the balance
     * (debit, hold, ops decrease) takes from the lots first, so they never hold more than is available; the
     * write-off is still capped at the available balance, never below zero.
     */
    @Transactional
    public void writeOffExpiredLot(UUID customerId, long lotId) {
        CreditAccount.Locked account = CreditAccount.lock(customerId); // lots change only under their account's lock
        CreditLot lot = CreditLot.findById(lotId);
        Instant now = clock.instant();
        if (lot.remaining.signum() == 0 || lot.expiresAt.isAfter(now)) return; // spent meanwhile
        BigDecimal writeOff = lot.close(now).min(account.available());
        if (writeOff.signum() == 0) return;
        CreditAccount.Moved moved = CreditAccount.move(customerId, writeOff.negate(), BigDecimal.ZERO, now).orElseThrow();
        LedgerEntry.append(customerId, LedgerEntry.Type.EXPIRY, writeOff.negate(), moved.change().after(), lot.reference,
                "credits granted " + lot.createdAt.atZone(ZoneOffset.UTC).toLocalDate() + " expired", "expiry:" + lotId, now);
        alerts.after(moved, customerId, "expiry:" + lotId);
        Log.infof("Wrote off %s expired credits of customer %s (lot %d, %s)", writeOff, customerId, lotId, lot.reference);
    }

    /** The account's credits that carry an expiry date, earliest first, and the currency they are in. */
    public record Expiring(String currency, List<CreditLot> lots) {}

    public Expiring expiring(Caller caller, UUID customerId) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        return new Expiring(account.currency, CreditLot.unspent(customerId));
    }

    private static String validUntil(Instant expiresAt) {
        return expiresAt == null ? "" : ", valid until " + expiresAt;
    }

    /** One page of an account's ledger, newest first, and the currency its amounts are in. */
    public record Statement(String currency, Page<LedgerEntry> entries) {}

    public Statement ledger(Caller caller, UUID customerId, LedgerEntry.Filter filter, int page, int size) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        var query = LedgerEntry.newestFirst(customerId, filter);
        return new Statement(account.currency, new Page<>(query.page(page, size).list(), page, size, query.count()));
    }

    /**
     * The caller's credit accounts, by customer id: a partner's own customers only (an id of another partner's customer in
     * customerIds simply matches nothing), every account for ops (partnerId narrows it). Desk never lists.
     */
    public Page<CreditAccount> list(Caller caller, UUID partnerId, Collection<UUID> customerIds, Set<BalanceChange.Status> statuses,
            int page, int size) {
        UUID partner = partnerId;
        if (!caller.ops()) {
            UUID own = caller.requirePartner();
            if (partnerId != null && !partnerId.equals(own)) return new Page<>(List.of(), page, size, 0);
            partner = own;
        }
        return CreditAccount.list(new CreditAccount.Filter(partner, customerIds, statuses), page, size);
    }

    /** The spend on each of the last `days` UTC days (today, read from the clock, the last), zero days included, oldest first. */
    public record Spending(String currency, List<LedgerEntry.DaySpend> days) {}

    public Spending spend(Caller caller, UUID customerId, int days) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, LedgerEntry.DaySpend> spent = new HashMap<>();
        for (LedgerEntry.DaySpend day : LedgerEntry.spendPerDay(customerId, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            spent.put(day.day(), day);
        }
        List<LedgerEntry.DaySpend> all = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            all.add(spent.getOrDefault(day, new LedgerEntry.DaySpend(day, BigDecimal.ZERO, 0)));
        }
        return new Spending(account.currency, all);
    }
}
