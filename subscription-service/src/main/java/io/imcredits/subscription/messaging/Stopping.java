package io.imcredits.subscription.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Knows that the service has begun to stop. Quarkus fires the shutdown event before it closes the
 * persistence layer and the Kafka consumers, so from then on a consumed record is no longer applied:
 * it would fail only because the service is closing under it, which says nothing about the record.
 */
@ApplicationScoped
public class Stopping {

    /** Thrown instead of applying a record once the service is stopping; the record is left for the next instance. */
    public static class ServiceStopping extends RuntimeException {
        ServiceStopping() {
            super("the service is stopping", null, false, false);
        }
    }

    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public boolean now() {
        return stopping;
    }

    /** Refuses new work once the service is stopping. */
    public void refuseIfStopping() {
        if (stopping) throw new ServiceStopping();
    }
}
