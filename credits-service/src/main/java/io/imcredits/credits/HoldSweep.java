package io.imcredits.credits;

import java.time.Clock;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Times out holds nobody posted or voided within credits.hold-ttl (Holds.timeOut), each in its own short transaction. */
@ApplicationScoped
public class HoldSweep {

    private static final int BATCH = 200;

    private final Holds holds;
    private final Clock clock;

    HoldSweep(Holds holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    @Scheduled(every = "${credits.hold-sweep-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        List<Hold> expired = QuarkusTransaction.requiringNew().call(() -> Hold.expiredOpen(clock.instant(), BATCH));
        for (Hold hold : expired) {
            try {
                holds.timeOut(hold.customerId, hold.id);
            } catch (Conflict e) {
                // posted or voided meanwhile: nothing to do
            } catch (RuntimeException e) {
                // one hold's trouble must not keep the others' credits set aside; the next sweep retries it
                Log.errorf(e, "Could not release expired hold %s of customer %s", hold.id, hold.customerId);
            }
        }
        if (!expired.isEmpty()) Log.infof("Hold sweep released %d expired holds", expired.size());
    }
}
