package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.imcredits.credits.PublishedEvents.PostpaidUsageRecorded;
import io.imcredits.credits.outbox.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Desk spending credits per message with a direct debit (a hold is Holds', a refund Refunds').
 *
 * Locking: a debit that arrives alone is one guarded UPDATE of the account row (see CreditAccount.move)
 * followed by one ledger INSERT, in a short transaction. The row lock serialises one account's spends only
 * for that short time and the guard is re-checked on the latest balance, so 1,000 agents at once can neither
 * lose an update nor overdraw. Optimistic versions would make a hot account's writers retry in storms, and
 * SERIALIZABLE would abort them.
 * Debits that arrive together are applied together (group commit, see GroupCommit and DebitBatch). Accounts
 * are spread over a few lanes by customer id; whoever holds a lane applies everything queued on it in one
 * transaction: it locks the batch's account rows (in customer-id order, so batches never deadlock), decides
 * each account's debits in arrival order against the balance the ones before left, and writes one UPDATE and
 * one multi-row INSERT for all. A hot account is thus not capped at one commit per debit, and many accounts
 * share commits too.
 * Idempotency is a unique (customer, key) on the ledger: a second spend for the same message id inserts
 * nothing, rolls back its UPDATE and answers the first result; in a batch, a key already in the ledger or
 * earlier in the batch answers the first result and spends nothing.
 * Post-paid: the prepaid balance never goes below zero; a debit it cannot cover is split (DebitBatch): the
 * balance pays what it has and the rest is post-paid usage of the month, one PostpaidUsageRecorded for
 * billing, recorded on the debit's ledger entry (postpaid, usage_id) and never netted by a later grant.
 */
@ApplicationScoped
public class Debits {

    /**
     * The result of a debit; overage is the part of the price that went to post-paid usage (billed), repeated is
     * true when this message id had already been debited.
     */
    public record Debit(String messageId, Money price, Money available, Money overage, boolean repeated) {}

    /** Enough to take a burst of Desk agents in one commit; more waits for the next batch. */
    private static final int MAX_BATCH = 64;

    private final GroupCommit<Priced, Debit> groupCommit = new GroupCommit<>(MAX_BATCH);
    private final AccountOwners owners;
    private final RateCard rateCard;
    private final BalanceAlerts alerts;
    private final Outbox outbox;
    private final CreditsConfig config;
    private final Clock clock;
    private final CreditsMetrics metrics;

    Debits(AccountOwners owners, RateCard rateCard, BalanceAlerts alerts, Outbox outbox, CreditsConfig config, Clock clock,
            CreditsMetrics metrics) {
        this.metrics = metrics;
        this.owners = owners;
        this.rateCard = rateCard;
        this.alerts = alerts;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Spends the price of one message, once per message id; beyond the balance only with a post-paid allowance. */
    public Debit debit(Caller caller, UUID customerId, Spend spend) {
        // a read, outside any transaction: a debit's only transaction is the one that spends
        AccountOwners.Owner account = owners.visibleTo(caller, customerId);
        Priced priced = new Priced(account, spend, rateCard.price(spend.message(), account.currency()));
        Debit debit = groupCommit.submit(Math.floorMod(customerId.hashCode(), config.debitLanes()), priced, this::apply);
        if (!debit.repeated()) metrics.debited(account.currency()); // committed: the batch's transaction has ended
        return debit;
    }

    /** A debit waiting for its batch, priced before it queues. */
    record Priced(AccountOwners.Owner account, Spend spend, Money price) {
        UUID customerId() {
            return account.customerId();
        }

        String key() {
            return Debits.key(spend.messageId());
        }
    }

    /** A batch member's answer: its debit, or why it was refused. */
    private record Answer(Debit debit, RuntimeException refusal) {
        void to(GroupCommit.Pending<Priced, Debit> pending) {
            if (refusal != null) pending.fail(refusal);
            else
                pending.complete(debit);
        }
    }

    /**
     * Concurrent debits go in one transaction (group commit): one commit, one balance UPDATE and one ledger
     * INSERT for the batch, where one transaction per debit would queue on row locks and commits.
     * A batch that fails commits nothing; its debits are then tried one by one, each answering for itself.
     */
    private void apply(List<GroupCommit.Pending<Priced, Debit>> batch) {
        if (batch.size() > 1) {
            try {
                List<Answer> answers = QuarkusTransaction.requiringNew()
                        .call(() -> debitTogether(batch.stream().map(GroupCommit.Pending::item).toList()));
                for (int i = 0; i < batch.size(); i++) answers.get(i).to(batch.get(i));
                return;
            } catch (RuntimeException e) {
                Log.warnf("A group debit of %d messages failed (%s); applying them one by one", batch.size(), e.toString());
            }
        }
        for (GroupCommit.Pending<Priced, Debit> pending : batch) {
            try {
                pending.complete(debitAlone(pending.item()));
            } catch (RuntimeException e) {
                pending.fail(e);
            }
        }
    }

    private List<Answer> debitTogether(List<Priced> items) {
        Map<UUID, List<Integer>> positions = new HashMap<>(); // each account's debits, in arrival order
        for (int i = 0; i < items.size(); i++) positions.computeIfAbsent(items.get(i).customerId(), id -> new ArrayList<>()).add(i);
        Map<UUID, CreditAccount.Locked> locked = CreditAccount.lockAll(positions.keySet());
        Map<UUID, Map<String, DebitBatch.Repeated>> inLedger = new HashMap<>();
        for (LedgerEntry entry : LedgerEntry.findByKeys(positions.keySet(), items.stream().map(Priced::key).toList())) {
            inLedger.computeIfAbsent(entry.customerId, id -> new HashMap<>())
                    .put(entry.idempotencyKey, new DebitBatch.Repeated(entry.amount, entry.postpaid, entry.balanceAfter));
        }
        Instant now = clock.instant();
        Answer[] answers = new Answer[items.size()];
        List<LedgerEntry.NewEntry> entries = new ArrayList<>();
        List<Runnable> afterwards = new ArrayList<>(); // each applied debit's alerts, once the batch's ledger entries are in
        Map<UUID, CreditAccount.Share> shares = new HashMap<>();
        positions.forEach((customerId, mine) -> {
            CreditAccount.Locked account = locked.get(customerId);
            DebitBatch.Plan plan = DebitBatch.plan(account.available(), account.allowance(),
                    account.postpaidUsedIn(CreditAccount.period(now)), mine.stream()
                            .map(i -> new DebitBatch.Request(items.get(i).key(), items.get(i).price().amount())).toList(),
                    inLedger.getOrDefault(customerId, Map.of()));
            List<CreditLot.Take> takes = new ArrayList<>();
            for (int j = 0; j < mine.size(); j++) {
                Priced item = items.get(mine.get(j));
                answers[mine.get(j)] = answer(item, account, plan.outcomes().get(j), entries, afterwards, now);
                if (plan.outcomes().get(j) instanceof DebitBatch.Applied applied) takes.add(new CreditLot.Take(item.key(), applied.prepaid()));
            }
            BigDecimal delta = plan.delta(account.available());
            if (delta.signum() != 0 || plan.postpaid().signum() != 0) {
                shares.put(customerId, new CreditAccount.Share(delta, plan.postpaid()));
                CreditLot.spend(customerId, takes, account.expiring());
            }
        });
        CreditAccount.addAll(shares, now);
        if (!entries.isEmpty() && LedgerEntry.appendAll(LedgerEntry.Type.DEBIT, entries, now) != entries.size()) {
            throw new IllegalStateException("a message of the batch was debited meanwhile"); // rolls back; retried one by one
        }
        afterwards.forEach(Runnable::run);
        return List.of(answers);
    }

    /**
     * One debit's answer from its account's plan; an applied one adds its ledger entry, and its alerts (and post-paid usage)
     * to afterwards. Each applied debit carries its own before and after within the batch, so a crossing of a threshold
     * inside the batch is seen by the one debit that crossed it, exactly once.
     */
    private Answer answer(Priced item, CreditAccount.Locked account, DebitBatch.Outcome outcome, List<LedgerEntry.NewEntry> entries,
            List<Runnable> afterwards, Instant now) {
        UUID customerId = item.customerId();
        String messageId = item.spend().messageId();
        if (outcome instanceof DebitBatch.Applied applied) {
            UUID usageId = applied.postpaid().signum() > 0 ? UUID.randomUUID() : null;
            entries.add(new LedgerEntry.NewEntry(customerId, applied.prepaid().negate(), applied.after(), "message:" + messageId,
                    item.spend().description(), item.key(), applied.postpaid(), usageId));
            CreditAccount.Moved moved = new CreditAccount.Moved(customerId, account.partnerId(), account.currency(),
                    new BalanceChange(applied.before(), applied.after(), account.threshold()), account.expiring(), account.rechargeThreshold());
            Money overage = new Money(applied.postpaid(), account.currency());
            afterwards.add(() -> afterDebit(moved, item.spend(), item.key(), overage, usageId, now));
            return new Answer(new Debit(messageId, item.price(), moved.available(), overage, false), null);
        }
        if (outcome instanceof DebitBatch.Repeated first) {
            Log.infof("Message %s of customer %s was already debited; answering the first debit", messageId, customerId);
            return new Answer(repeated(messageId, first, account.currency()), null);
        }
        DebitBatch.Refused refused = (DebitBatch.Refused) outcome;
        String why = account.allowanceStopped()
                ? "; the post-paid allowance is stopped while the subscription is " + account.standing() : "";
        return new Answer(null, new InsufficientCredits(new Money(refused.available(), account.currency()), item.price(), why));
    }

    private Debit debitAlone(Priced priced) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> debitOnce(priced));
        } catch (AlreadyApplied e) {
            return QuarkusTransaction.requiringNew().call(() -> firstDebit(priced.customerId(), priced.spend().messageId()));
        }
    }

    /**
     * A debit alone: one guarded UPDATE when the prepaid balance covers it (the common case); otherwise the
     * group commit's rule for a batch of one under the account's lock (post-paid split, allowance, or 402).
     */
    private Debit debitOnce(Priced priced) {
        UUID customerId = priced.customerId();
        Money price = priced.price();
        String key = priced.key();
        Instant now = clock.instant();
        Optional<CreditAccount.Moved> covered = CreditAccount.move(customerId, price.amount().negate(), BigDecimal.ZERO, now);
        if (covered.isEmpty()) {
            Answer answer = debitTogether(List.of(priced)).get(0);
            if (answer.refusal() != null) throw answer.refusal();
            return answer.debit();
        }
        CreditAccount.Moved moved = covered.get();
        String messageId = priced.spend().messageId();
        if (!LedgerEntry.append(customerId, LedgerEntry.Type.DEBIT, price.amount().negate(), moved.change().after(),
                "message:" + messageId, priced.spend().description(), key, now)) {
            throw new AlreadyApplied();
        }
        CreditLot.spend(customerId, List.of(new CreditLot.Take(key, price.amount())), moved.expiring());
        Money none = Money.zero(moved.currency());
        afterDebit(moved, priced.spend(), key, none, null, now);
        return new Debit(messageId, price, moved.available(), none, false);
    }

    /** Alerts after one debit, and its post-paid usage for billing (with what billing groups it by). */
    private void afterDebit(CreditAccount.Moved moved, Spend spend, String key, Money overage, UUID usageId, Instant now) {
        UUID customerId = moved.customerId();
        alerts.after(moved, customerId, key);
        if (overage.signum() != 0) {
            outbox.publish(moved.partnerId(), customerId, customerId,
                    new PostpaidUsageRecorded(usageId, customerId, spend.messageId(), overage, now, spend.message().country(),
                            spend.message().category().name()));
            Log.infof("Post-paid usage %s of %s for message %s of customer %s", usageId, overage.amount(), spend.messageId(), customerId);
        }
    }

    private static Debit firstDebit(UUID customerId, String messageId) {
        CreditAccount account = CreditAccount.findById(customerId);
        LedgerEntry first = LedgerEntry.findByKey(customerId, key(messageId)).orElseThrow();
        Log.infof("Message %s of customer %s was already debited; answering the first debit", messageId, customerId);
        return repeated(messageId, new DebitBatch.Repeated(first.amount, first.postpaid, first.balanceAfter), account.currency);
    }

    /** The answer of a debit already applied: its price (prepaid and post-paid parts) and the balance right after it. */
    private static Debit repeated(String messageId, DebitBatch.Repeated first, String currency) {
        return new Debit(messageId, new Money(first.amount().negate().add(first.postpaid()), currency),
                new Money(first.balanceAfter(), currency), new Money(first.postpaid(), currency), true);
    }

    /** A debit's idempotency key in the ledger (a refund finds its debit by it). */
    static String key(String messageId) {
        return "debit:" + messageId;
    }
}
