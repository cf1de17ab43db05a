package io.imcredits.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * Orders on /q/metrics: imcredits_orders{status} (how many orders are PENDING_PAYMENT, COMPLETED, FAILED) and
 * imcredits_orders_pending_payment_oldest_seconds (how long the oldest unpaid order has waited, 0 when none; alert
 * OrderWaitingForPayment). One grouped query serves all the gauges of a scrape; with the database down they read NaN
 * and the scrape still answers.
 */
@Startup
@Singleton
public class OrderMetrics {

    /** The gauges of one scrape share a reading this fresh. */
    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Reading(Map<LicenseOrder.Status, Long> counts, double oldestPendingSeconds) {}

    private final Clock clock;
    private Reading last;
    private long readAt;

    OrderMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (LicenseOrder.Status status : LicenseOrder.Status.values()) {
            Gauge.builder("imcredits.orders", this, metrics -> metrics.count(status)).tag("status", status.name())
                    .description("Orders in each status").strongReference(true).register(registry);
        }
        Gauge.builder("imcredits.orders.pending.payment.oldest.seconds", this, metrics -> metrics.reading().oldestPendingSeconds())
                .description("How long the oldest order waiting for its payment has waited, in seconds (0 when none waits)")
                .strongReference(true).register(registry);
    }

    private double count(LicenseOrder.Status status) {
        Reading reading = reading();
        return reading.counts() == null ? Double.NaN : reading.counts().get(status);
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
            LicenseOrder.Tally tally = QuarkusTransaction.requiringNew().call(LicenseOrder::tally);
            Duration waited = tally.oldestPending() == null || tally.oldestPending().isAfter(clock.instant()) ? Duration.ZERO
                    : Duration.between(tally.oldestPending(), clock.instant());
            return new Reading(tally.counts(), waited.toMillis() / 1000.0);
        } catch (RuntimeException e) {
            Log.debugf("Order metrics: cannot count the orders (%s)", e.toString());
            return new Reading(null, Double.NaN);
        }
    }
}
