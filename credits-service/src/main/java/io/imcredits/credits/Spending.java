package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.imcredits.credits.messaging.PublishedEvents.PostpaidUsageRecorded;
import io.imcredits.credits.messaging.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Desk spending credits per message: a direct debit, or a hold that delivery settles and failure releases.
 *
 * Locking: a hold is one guarded UPDATE of the account row (see CreditAccount.move) followed by one
 * ledger INSERT, in a short transaction; so is a debit that arrives alone. The row lock serialises one
 * account's spends only for that short time and the guard is re-checked on the latest balance, so 1,000
 * agents at once can neither lose an update nor overdraw. Optimistic versions would make a hot account's
 * writers retry in storms, and SERIALIZABLE would abort them.
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
public class Spending {

    /** One message to price: Desk's message id and what WhatsApp prices it by. */
    public record Spend(String messageId, MessagePricing.Message message) {
    }

    /**
     * The result of a debit; overage is the part of the price that went to post-paid usage (billed), repeated is
     * true when this message id had already been debited.
     */
    public record Debit(String messageId, Money price, Money available, Money overage, boolean repeated) {
    }

    /** WhatsApp's pricing type of a delivered message: only REGULAR is charged. */
    public enum PricingType { REGULAR, FREE_CUSTOMER_SERVICE, FREE_ENTRY_POINT }

    /** Thrown inside a spend's transaction when its key was already applied: rolls the spend back. */
    static final class AlreadyApplied extends RuntimeException {
        AlreadyApplied() {
            super(null, null, false, false);
        }
    }

    /** Enough to take a burst of Desk agents in one commit; more waits for the next batch. */
    private static final int MAX_BATCH = 64;

    private final GroupCommit<Priced, Debit> debits = new GroupCommit<>(MAX_BATCH);
    private final AccountOwners owners;
    private final RateCard rateCard;
    private final BalanceAlerts alerts;
    private final Outbox outbox;
    private final CreditsConfig config;
    private final Clock clock;

    Spending(AccountOwners owners, RateCard rateCard, BalanceAlerts alerts, Outbox outbox, CreditsConfig config, Clock clock) {
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
        return debits.submit(Math.floorMod(customerId.hashCode(), config.debitLanes()), priced, this::apply);
    }

    /** A debit waiting for its batch, priced before it queues. */
    record Priced(AccountOwners.Owner account, Spend spend, Money price) {
        UUID customerId() {
            return account.customerId();
        }

        String key() {
            return debitKey(spend.messageId());
        }
    }

    /** A batch member's answer: its debit, or why it was refused. */
    private record Answer(Debit debit, RuntimeException refusal) {
        void to(GroupCommit.Pending<Priced, Debit> pending) {
            if (refusal != null) pending.fail(refusal);
            else pending.complete(debit);
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
                answers[mine.get(j)] = answer(item, account, plan.outcomes().get(j), entries, now);
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
        return List.of(answers);
    }

    /** One debit's answer from its account's plan; an applied one adds its ledger entry (and its post-paid usage). */
    private Answer answer(Priced item, CreditAccount.Locked account, DebitBatch.Outcome outcome, List<LedgerEntry.NewEntry> entries,
                          Instant now) {
        UUID customerId = item.customerId();
        String messageId = item.spend().messageId();
        if (outcome instanceof DebitBatch.Applied applied) {
            UUID usageId = applied.postpaid().signum() > 0 ? UUID.randomUUID() : null;
            entries.add(new LedgerEntry.NewEntry(customerId, applied.prepaid().negate(), applied.after(), "message:" + messageId,
                    describe(item.spend().message()), item.key(), applied.postpaid(), usageId));
            CreditAccount.Moved moved = new CreditAccount.Moved(customerId, account.partnerId(), account.currency(),
                    new BalanceChange(applied.before(), applied.after(), account.threshold()), account.expiring());
            Money overage = new Money(applied.postpaid(), account.currency());
            afterDebit(moved, item.spend(), overage, usageId, now);
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
                "message:" + messageId, describe(priced.spend().message()), key, now)) {
            throw new AlreadyApplied();
        }
        CreditLot.spend(customerId, List.of(new CreditLot.Take(key, price.amount())), moved.expiring());
        Money none = Money.zero(moved.currency());
        afterDebit(moved, priced.spend(), none, null, now);
        return new Debit(messageId, price, moved.available(), none, false);
    }

    /** Alerts after one debit, and its post-paid usage for billing (with what billing groups it by). */
    private void afterDebit(CreditAccount.Moved moved, Spend spend, Money overage, UUID usageId, Instant now) {
        UUID customerId = moved.customerId();
        alerts.after(moved, customerId);
        if (overage.amount().signum() != 0) {
            outbox.publish(moved.partnerId(), customerId, customerId,
                    new PostpaidUsageRecorded(usageId, customerId, spend.messageId(), overage, now, spend.message().country(),
                            spend.message().category().name()));
            Log.infof("Post-paid usage %s of %s for message %s of customer %s", usageId, overage.amount(), spend.messageId(), customerId);
        }
    }

    private static Debit firstDebit(UUID customerId, String messageId) {
        CreditAccount account = CreditAccount.findById(customerId);
        LedgerEntry first = LedgerEntry.findByKey(customerId, debitKey(messageId)).orElseThrow();
        Log.infof("Message %s of customer %s was already debited; answering the first debit", messageId, customerId);
        return repeated(messageId, new DebitBatch.Repeated(first.amount, first.postpaid, first.balanceAfter), account.currency);
    }

    /** The answer of a debit already applied: its price (prepaid and post-paid parts) and the balance right after it. */
    private static Debit repeated(String messageId, DebitBatch.Repeated first, String currency) {
        return new Debit(messageId, new Money(first.amount().negate().add(first.postpaid()), currency),
                new Money(first.balanceAfter(), currency), new Money(first.postpaid(), currency), true);
    }

    /**
     * The price of an undelivered message given back (amount: what came back, less any part taken from credits
     * that have expired since); repeated is true when it had already been refunded.
     */
    public record Refund(String messageId, Money amount, Money available, boolean repeated) {
    }

    /**
     * Gives back the price of a debited message that was not delivered, once per message id, within
     * credits.refund-window of the debit (WhatsApp's delivery window). The credits go back to the lots the
     * debit took them from, with their expiry dates; what came from a lot that has expired since is not given
     * back (written off, as the expiry would have). A debit that went into the post-paid allowance is refused:
     * that usage is already on its way to billing, so ops corrects it with an adjustment.
     */
    public Refund refund(Caller caller, UUID customerId, String messageId) {
        AccountOwners.Owner account = owners.visibleTo(caller, customerId);
        try {
            return QuarkusTransaction.requiringNew().call(() -> refundOnce(account, messageId));
        } catch (AlreadyApplied e) {
            return QuarkusTransaction.requiringNew().call(() -> refundOnce(account, messageId));
        }
    }

    private Refund refundOnce(AccountOwners.Owner account, String messageId) {
        UUID customerId = account.customerId();
        String key = "refund:" + messageId;
        Optional<LedgerEntry> earlier = LedgerEntry.findByKey(customerId, key);
        if (earlier.isPresent()) {
            LedgerEntry first = earlier.get();
            return new Refund(messageId, new Money(first.amount, account.currency()), new Money(first.balanceAfter, account.currency()), true);
        }
        LedgerEntry debit = LedgerEntry.findByKey(customerId, debitKey(messageId))
                .orElseThrow(() -> new NotFound("No debit for message " + messageId + " of customer " + customerId));
        if (debit.postpaid.signum() > 0) {
            throw new Conflict("Message " + messageId + " was paid from the post-paid allowance, which is billed; ask ops to adjust it");
        }
        Instant now = clock.instant();
        if (debit.createdAt.plus(config.refundWindow()).isBefore(now)) {
            throw new Conflict("Message " + messageId + " was debited at " + debit.createdAt + ": refunds are accepted within "
                    + config.refundWindow().toHours() + " hours of the debit");
        }
        CreditAccount.lock(customerId); // lots change only under their account's lock
        BigDecimal expired = CreditLot.giveBack(customerId, debit.idempotencyKey, now);
        BigDecimal amount = debit.amount.negate().subtract(expired);
        CreditAccount.Moved moved = CreditAccount.move(customerId, amount, BigDecimal.ZERO, now).orElseThrow();
        if (!LedgerEntry.append(customerId, LedgerEntry.Type.REFUND, amount, moved.change().after(), "message:" + messageId,
                "message not delivered" + writtenOff(expired), key, now)) {
            throw new AlreadyApplied(); // refunded meanwhile: the retry answers that refund
        }
        Log.infof("Refunded %s for undelivered message %s of customer %s (%s had expired)", amount, messageId, customerId, expired);
        return new Refund(messageId, new Money(amount, account.currency()), moved.available(), false);
    }

    private static String writtenOff(BigDecimal expired) {
        return expired.signum() == 0 ? "" : "; " + expired.toPlainString() + " of it came from credits that have expired since";
    }

    /** Sets the price of one message aside; the same message id answers the hold it already has. */
    public Hold hold(Caller caller, UUID customerId, Spend spend) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> holdOnce(caller, customerId, spend));
        } catch (AlreadyApplied e) {
            return QuarkusTransaction.requiringNew().call(() -> Hold.findForMessage(customerId, spend.messageId()).orElseThrow());
        }
    }

    private Hold holdOnce(Caller caller, UUID customerId, Spend spend) {
        AccountOwners.Owner account = owners.visibleTo(caller, customerId);
        Money price = rateCard.price(spend.message(), account.currency());
        Instant now = clock.instant();
        // holds need prepaid credits: a sender wants certainty, post-paid overage is for plain debits
        CreditAccount.Moved moved = CreditAccount.move(customerId, price.amount().negate(), price.amount(), now)
                .orElseThrow(() -> Hold.findForMessage(customerId, spend.messageId()).isPresent()
                        ? new AlreadyApplied() : new InsufficientCredits(current(customerId), price));
        UUID id = UUID.randomUUID();
        if (!Hold.place(id, customerId, spend.messageId(), price, now.plus(config.holdTtl()), now)) {
            throw new AlreadyApplied();
        }
        // set aside from the earliest-expiring credits, as a spend would: an expiry meanwhile cannot take the others;
        // a release gives them back to the same lots
        CreditLot.spend(customerId, List.of(new CreditLot.Take("hold:" + id, price.amount())), moved.expiring());
        LedgerEntry.append(customerId, LedgerEntry.Type.HOLD, price.amount().negate(), moved.change().after(), "hold:" + id,
                describe(spend.message()) + " for message " + spend.messageId(), "hold:" + id, now);
        alerts.after(moved, customerId);
        Log.infof("Held %s for message %s of customer %s (hold %s)", price.amount(), spend.messageId(), customerId, id);
        return Hold.findById(id);
    }

    /** Delivery: the held price is spent, or returned if WhatsApp did not charge the message. Settling twice is harmless. */
    @Transactional
    public Hold settle(Caller caller, UUID customerId, UUID holdId, PricingType pricingType) {
        owners.visibleTo(caller, customerId);
        return close( customerId, holdId, Hold.Status.SETTLED, pricingType == PricingType.REGULAR);
    }

    /** Failure: the held price goes back to the balance. Releasing twice is harmless. */
    @Transactional
    public Hold release(Caller caller, UUID customerId, UUID holdId) {
        owners.visibleTo(caller, customerId);
        return close( customerId, holdId, Hold.Status.RELEASED, false);
    }

    /** Releases a hold nobody settled in time (the sweep). */
    @Transactional
    public void expire(UUID customerId, UUID holdId) {
        close(customerId, holdId, Hold.Status.EXPIRED, false);
    }

    private Hold close(UUID customerId, UUID holdId, Hold.Status outcome, boolean spends) {
        Hold hold = Hold.lockOwned(customerId, holdId).orElseThrow(() -> new NotFound("No hold " + holdId));
        if (hold.status == outcome) return hold; // a retried settle or release
        if (hold.status != Hold.Status.OPEN) {
            throw new Conflict("Hold " + holdId + " is already " + hold.status.name().toLowerCase());
        }
        Instant now = clock.instant();
        BigDecimal expired = BigDecimal.ZERO;
        if (!spends) {
            // what is not spent goes back to the lots it was set aside from, less what has expired there since;
            // lots change only under their account's lock (a settle needs neither)
            CreditAccount.lock(customerId);
            expired = CreditLot.giveBack(customerId, "hold:" + holdId, now);
        }
        BigDecimal returned = spends ? BigDecimal.ZERO : hold.amount.subtract(expired);
        hold.status = outcome;
        hold.spent = spends ? hold.amount : BigDecimal.ZERO;
        hold.closedAt = now;
        CreditAccount.Moved moved = CreditAccount.move(customerId, returned, hold.amount.negate(), now).orElseThrow();
        LedgerEntry.Type type = outcome == Hold.Status.SETTLED ? LedgerEntry.Type.SETTLE : LedgerEntry.Type.RELEASE;
        // the key is per hold, not per outcome: one hold closes once
        LedgerEntry.append(customerId, type, returned, moved.change().after(), "hold:" + holdId,
                outcome.name().toLowerCase() + " for message " + hold.messageId + writtenOff(expired), "close:" + holdId, now);
        Log.infof("Hold %s of customer %s %s: %s spent", holdId, customerId, outcome, hold.spent);
        return hold;
    }

    private static Money current(UUID customerId) {
        CreditAccount account = CreditAccount.findById(customerId);
        return account.availableMoney();
    }

    private static String debitKey(String messageId) {
        return "debit:" + messageId;
    }

    private static String describe(MessagePricing.Message message) {
        return message.channel() + " " + message.category() + " to " + message.country()
                + (message.window() == MessagePricing.Window.NONE ? "" : " in " + message.window() + " window");
    }
}
