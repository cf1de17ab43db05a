package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.imcredits.credits.messaging.Events.PostpaidUsageRecorded;
import io.imcredits.credits.messaging.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Desk spending credits per message: a direct debit, or a hold that delivery settles and failure releases.
 *
 * Locking: each spend is one guarded UPDATE of the account row (see CreditAccount.move) followed by one
 * ledger INSERT, in a short transaction. The row lock serialises one account's spends only for that
 * short time and the guard is re-checked on the latest balance, so 1,000 agents at once can neither
 * lose an update nor overdraw. Optimistic versions would make a hot account's writers retry in storms,
 * and SERIALIZABLE would abort them; a plain SELECT ... FOR UPDATE costs one more round trip for nothing.
 * Idempotency is a unique (customer, key) on the ledger: a second spend for the same message id inserts
 * nothing, rolls back its UPDATE and answers the first result.
 */
@ApplicationScoped
public class Spending {

    /** One message to price: Desk's message id and what WhatsApp prices it by. */
    public record Spend(String messageId, Pricing.Message message) {
    }

    /** The result of a debit; repeated is true when this message id had already been debited. */
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
        try {
            return QuarkusTransaction.requiringNew().call(() -> debitOnce(caller, customerId, spend));
        } catch (AlreadyApplied e) {
            return QuarkusTransaction.requiringNew().call(() -> firstDebit(customerId, spend.messageId()));
        }
    }

    private Debit debitOnce(Caller caller, UUID customerId, Spend spend) {
        AccountOwners.Owner account = owners.visibleTo(caller, customerId);
        Money price = rateCard.price(spend.message(), account.currency());
        String key = debitKey(spend.messageId());
        Instant now = clock.instant();
        CreditAccount.Moved moved = CreditAccount.move(customerId, price.amount().negate(), BigDecimal.ZERO, true, now)
                .orElseThrow(() -> LedgerEntry.findByKey(customerId, key).isPresent()
                        ? new AlreadyApplied() : new InsufficientCredits(current(customerId), price));
        Pricing.Message message = spend.message();
        if (!LedgerEntry.append(customerId, LedgerEntry.Type.DEBIT, price.amount().negate(), moved.change().after(),
                "message:" + spend.messageId(), describe(message), key, now)) {
            throw new AlreadyApplied();
        }
        alerts.after(moved, customerId);
        Money overage = new Money(moved.change().overage(), account.currency());
        if (!overage.isZero()) {
            outbox.publish("PostpaidUsageRecorded", moved.partnerId(), customerId, customerId,
                    new PostpaidUsageRecorded(UUID.randomUUID(), customerId, spend.messageId(), overage, now));
            Log.infof("Post-paid usage of %s for message %s of customer %s", overage.amount(), spend.messageId(), customerId);
        }
        return new Debit(spend.messageId(), price, moved.available(), overage, false);
    }

    private static Debit firstDebit(UUID customerId, String messageId) {
        CreditAccount account = CreditAccount.findById(customerId);
        LedgerEntry first = LedgerEntry.findByKey(customerId, debitKey(messageId)).orElseThrow();
        Log.infof("Message %s of customer %s was already debited; answering the first debit", messageId, customerId);
        BalanceChange change = new BalanceChange(first.balanceAfter.subtract(first.amount), first.balanceAfter, BigDecimal.ZERO);
        return new Debit(messageId, first.amountMoney(account.currency).negate(), new Money(first.balanceAfter, account.currency),
                new Money(change.overage(), account.currency), true);
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
        CreditAccount.Moved moved = CreditAccount.move(customerId, price.amount().negate(), price.amount(), false, now)
                .orElseThrow(() -> Hold.findForMessage(customerId, spend.messageId()).isPresent()
                        ? new AlreadyApplied() : new InsufficientCredits(current(customerId), price));
        UUID id = UUID.randomUUID();
        if (!Hold.place(id, customerId, spend.messageId(), price, now.plus(config.holdTtl()), now)) {
            throw new AlreadyApplied();
        }
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
        BigDecimal returned = spends ? BigDecimal.ZERO : hold.amount;
        hold.status = outcome;
        hold.spent = hold.amount.subtract(returned);
        hold.closedAt = now;
        CreditAccount.Moved moved = CreditAccount.move(customerId, returned, hold.amount.negate(), false, now).orElseThrow();
        LedgerEntry.Type type = outcome == Hold.Status.SETTLED ? LedgerEntry.Type.SETTLE : LedgerEntry.Type.RELEASE;
        // the key is per hold, not per outcome: one hold closes once
        LedgerEntry.append(customerId, type, returned, moved.change().after(), "hold:" + holdId,
                outcome.name().toLowerCase() + " for message " + hold.messageId, "close:" + holdId, now);
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

    private static String describe(Pricing.Message message) {
        return message.channel() + " " + message.category() + " to " + message.country()
                + (message.window() == Pricing.Window.NONE ? "" : " in " + message.window() + " window");
    }
}
