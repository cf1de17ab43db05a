package io.imcredits.credits;

import java.time.Clock;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes off what is left of credits whose expiry date has come, one lot per short transaction. */
@ApplicationScoped
public class ExpirySweep {

    private static final int BATCH = 200;

    private final Accounts accounts;
    private final Clock clock;

    ExpirySweep(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Scheduled(every = "${credits.expiry-sweep-interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        List<CreditLot> due = QuarkusTransaction.requiringNew().call(() -> CreditLot.due(clock.instant(), BATCH));
        for (CreditLot lot : due) {
            try {
                accounts.writeOffExpiredLot(lot.customerId, lot.id);
            } catch (RuntimeException e) {
                // one account's trouble must not keep the others' credits from expiring; the next sweep retries it
                Log.errorf(e, "Could not expire lot %d of customer %s", lot.id, lot.customerId);
            }
        }
        if (!due.isEmpty()) Log.infof("Expiry sweep looked at %d lots whose day has come", due.size());
    }
}
