package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Gives back the price of a debited message that was not delivered. */
@ApplicationScoped
public class Refunds {

    private final AccountOwners owners;
    private final CreditsConfig config;
    private final Clock clock;

    Refunds(AccountOwners owners, CreditsConfig config, Clock clock) {
        this.owners = owners;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The price of an undelivered message given back (amount: what came back, less any part taken from credits
     * that have expired since); repeated is true when it had already been refunded.
     */
    public record Refund(String messageId, Money amount, Money available, boolean repeated) {}

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
        LedgerEntry debit = LedgerEntry.findByKey(customerId, Debits.key(messageId))
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
                "message not delivered" + CreditLot.writtenOff(expired), key, now)) {
            throw new AlreadyApplied(); // refunded meanwhile: the retry answers that refund
        }
        Log.infof("Refunded %s for undelivered message %s of customer %s (%s had expired)", amount, messageId, customerId, expired);
        return new Refund(messageId, new Money(amount, account.currency()), moved.available(), false);
    }
}
