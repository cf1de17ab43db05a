package io.imcredits.credits;

import java.util.UUID;

import io.imcredits.credits.PublishedEvents.AutoRechargeTriggered;
import io.imcredits.credits.PublishedEvents.CreditsExhausted;
import io.imcredits.credits.PublishedEvents.CreditsLow;
import io.imcredits.credits.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Tells the other services when a decrease crossed the low-balance threshold or the auto-recharge threshold, or used up
 * the balance. Called in the transaction that moved the balance, after its ledger entry: the account's row lock
 * serialises the changes, so each crossing is seen by exactly one change.
 */
@ApplicationScoped
public class BalanceAlerts {

    private final Outbox outbox;

    BalanceAlerts(Outbox outbox) {
        this.outbox = outbox;
    }

    /** ledgerKey: the idempotency key of the ledger entry of this change, already appended in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void after(CreditAccount.Moved moved, UUID correlationId, String ledgerKey) {
        BalanceChange change = moved.change();
        if (change.crossed(moved.rechargeThreshold())) { // a null threshold (off, the usual case) costs one comparison
            // the entry's sequence number names the crossing: unique, and the same however often the change is replayed
            String crossingId = moved.customerId() + ":" + LedgerEntry.seqOf(moved.customerId(), ledgerKey);
            Log.infof("Credits of customer %s fell below the auto-recharge threshold: %s left (crossing %s)", moved.customerId(),
                    change.after(), crossingId);
            outbox.publish(moved.partnerId(), moved.customerId(), correlationId, new AutoRechargeTriggered(moved.customerId(), crossingId,
                    moved.available(), new Money(moved.rechargeThreshold(), moved.currency())));
        }
        if (change.crossedLow()) {
            Log.infof("Credits of customer %s fell below the threshold: %s left", moved.customerId(), change.after());
            outbox.publish(moved.partnerId(), moved.customerId(), correlationId,
                    new CreditsLow(moved.customerId(), moved.available(), new Money(change.threshold(), moved.currency())));
        }
        if (change.exhausted()) {
            Log.infof("Credits of customer %s are exhausted", moved.customerId());
            outbox.publish(moved.partnerId(), moved.customerId(), correlationId,
                    new CreditsExhausted(moved.customerId(), moved.available()));
        }
    }
}
