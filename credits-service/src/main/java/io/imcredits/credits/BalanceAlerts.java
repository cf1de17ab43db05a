package io.imcredits.credits;

import java.util.UUID;

import io.imcredits.credits.PublishedEvents.CreditsExhausted;
import io.imcredits.credits.PublishedEvents.CreditsLow;
import io.imcredits.credits.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Tells the other services when a decrease crossed the low-balance threshold or used up the balance. */
@ApplicationScoped
public class BalanceAlerts {

    private final Outbox outbox;

    BalanceAlerts(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void after(CreditAccount.Moved moved, UUID correlationId) {
        BalanceChange change = moved.change();
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
