package io.imcredits.credits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Credits on /q/metrics: imcredits_credits_granted_total{currency} and imcredits_credits_debited_total{currency}
 * (grants and direct debits applied, counted once committed) and imcredits_holds_open (holds placed and not yet
 * posted, voided or expired; one count query per scrape, NaN with the database down). A debit costs a map lookup
 * and an increment: no query on the hot path.
 */
@Startup
@Singleton
public class CreditsMetrics {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Counter> granted = new ConcurrentHashMap<>();
    private final Map<String, Counter> debited = new ConcurrentHashMap<>();

    CreditsMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        Gauge.builder("imcredits.holds.open", this, CreditsMetrics::openHolds).description("Holds placed and not yet closed")
                .strongReference(true).register(registry);
    }

    /** A grant applied in the current transaction: counted once it commits (a rolled-back or retried one is not). */
    void granted(String currency) {
        Counter counter = granted.computeIfAbsent(currency, c -> counter("imcredits.credits.granted", "Grants of credits applied", c));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) counter.increment();
            }
        });
    }

    /** A debit applied and committed (not a repeated one). */
    void debited(String currency) {
        debited.computeIfAbsent(currency, c -> counter("imcredits.credits.debited", "Debits of credits applied", c)).increment();
    }

    private Counter counter(String name, String description, String currency) {
        return Counter.builder(name).description(description).tag("currency", currency).register(registry);
    }

    private double openHolds() {
        try {
            return QuarkusTransaction.requiringNew().call(Hold::countOpen);
        } catch (RuntimeException e) {
            Log.debugf("Credits metrics: cannot count the open holds (%s)", e.toString());
            return Double.NaN;
        }
    }
}
