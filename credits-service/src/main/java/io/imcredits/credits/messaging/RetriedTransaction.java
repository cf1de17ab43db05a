package io.imcredits.credits.messaging;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * Applies a consumed record in a transaction of its own and, when the database fails (down for a moment,
 * connections exhausted), tries the whole transaction again before the record goes to the dead-letter
 * topic: a valid event must not be lost to a blip. The retry wraps the transaction, never runs inside it.
 * A record that is wrong in itself (IllegalArgumentException and the like) fails at once, and once the
 * service is stopping no record is applied at all (see {@link DeadLetterUnlessStopping}).
 */
@ApplicationScoped
public class RetriedTransaction {

    private final Stopping stopping;

    RetriedTransaction(Stopping stopping) {
        this.stopping = stopping;
    }

    @Retry(retryOn = {PersistenceException.class, QuarkusTransactionException.class}, abortOn = Stopping.ServiceStopping.class,
            maxRetries = 8, delay = 200, jitter = 100, maxDuration = 30, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(maxDelay = 5_000)
    public void run(Runnable effect) {
        stopping.refuseIfStopping();
        QuarkusTransaction.requiringNew().run(effect);
    }
}
