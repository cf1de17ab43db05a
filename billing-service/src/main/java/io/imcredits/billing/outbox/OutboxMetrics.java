package io.imcredits.billing.outbox;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * The outbox on /q/metrics: imcredits_outbox_unsent (events waiting for the broker) and
 * imcredits_outbox_oldest_unsent_seconds (how long the oldest has waited, 0 when none), the numbers of
 * OutboxHealth. One backlog query serves both gauges of a scrape; with the database down they read NaN
 * and the scrape still answers.
 */
@Startup
@Singleton
public class OutboxMetrics {

    /** Both gauges of one scrape share a reading this fresh. */
    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Reading(double unsent, double oldestSeconds) {}

    private final Clock clock;
    private Reading last;
    private long readAt;

    OutboxMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder("imcredits.outbox.unsent", this, metrics -> metrics.reading().unsent())
                .description("Events in the outbox waiting to be published").strongReference(true).register(registry);
        Gauge.builder("imcredits.outbox.oldest.unsent.seconds", this, metrics -> metrics.reading().oldestSeconds())
                .description("How long the oldest unsent event has waited, in seconds (0 when none waits)").strongReference(true)
                .register(registry);
    }

    private synchronized Reading reading() {
        long now = System.nanoTime();
        if (last == null || now - readAt > FRESH_NANOS) {
            last = read();
            readAt = now;
        }
        return last;
    }

    private Reading read() {
        try {
            OutboxEvent.Backlog backlog = QuarkusTransaction.requiringNew().call(OutboxEvent::backlog);
            return new Reading(backlog.unsent(), backlog.waited(clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            Log.debugf("Outbox metrics: cannot read the backlog (%s)", e.toString());
            return new Reading(Double.NaN, Double.NaN);
        }
    }
}
