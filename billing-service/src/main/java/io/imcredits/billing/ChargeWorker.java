package io.imcredits.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.imcredits.billing.Charges.ChargeRequested;
import io.imcredits.billing.Charges.Work;
import io.imcredits.billing.PaymentGateway.GatewayUnavailable;
import io.imcredits.billing.outbox.CoalescingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Calls the gateway for charges that have work, outside any transaction: it wakes right after a
 * charge request commits (like OutboxRelay) and polls for due retries and for attempts a crash
 * left behind. One thread, so one process never works a charge twice at once; row locks keep
 * several processes apart.
 * Each definite answer counts in imcredits_charges_total{outcome}: the gateway's outcome (SUCCEEDED, DECLINED,
 * INSUFFICIENT_FUNDS, EXPIRED_CARD) or NO_CARD; a charge the gateway did not answer is not counted until it does.
 */
@ApplicationScoped
public class ChargeWorker {

    private static final int BATCH = 50;

    private final Charges charges;
    private final ResilientGateway gateway;
    private final BillingConfig config;
    private final CoalescingWorker worker;
    private final Clock clock;
    private final Map<PaymentGateway.Outcome, Counter> outcomes = new EnumMap<>(PaymentGateway.Outcome.class);
    private final Counter noCard;

    ChargeWorker(Charges charges, ResilientGateway gateway, BillingConfig config, Clock clock, MeterRegistry registry) {
        this.charges = charges;
        // every outcome registered at 0, so a rate or an increase() sees the first one
        for (PaymentGateway.Outcome outcome : PaymentGateway.Outcome.values()) outcomes.put(outcome, charged(registry, outcome.name()));
        this.noCard = charged(registry, Charges.Reason.NO_CARD.name());
        this.clock = clock;
        this.gateway = gateway;
        this.config = config;
        this.worker = new CoalescingWorker("charge-worker", this::drain);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChargeRequested requested) {
        wake();
    }

    @Scheduled(every = "${billing.charge-poll-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Coalesces wake-ups: see CoalescingWorker. */
    void wake() {
        worker.wake();
    }

    private void drain() {
        try {
            List<UUID> due;
            boolean failed = false;
            do {
                Instant now = Instant.now(clock);
                due = QuarkusTransaction.requiringNew().call(() -> Charge.due(now, now.minus(config.chargeStaleAfter()), BATCH));
                for (UUID chargeId : due) {
                    if (worker.stopping()) return; // the rest stay due, for the next start or another instance
                    failed |= !workAlone(chargeId);
                }
            } while (due.size() == BATCH && !failed); // a failed one stays due: leave it to the next poll, do not spin
        } catch (Exception e) {
            Log.warnf(e, "Charge worker: a run failed, the next poll tries again");
        }
    }

    /** One charge that fails here (e.g. an amount the gateway port refuses) must not hold up the others of the run. */
    private boolean workAlone(UUID chargeId) {
        try {
            work(chargeId);
            return true;
        } catch (RuntimeException e) {
            Log.errorf(e, "Charge %s: its work failed; it is tried again once due", chargeId);
            return false;
        }
    }

    private void work(UUID chargeId) {
        Work work = charges.claim(chargeId).orElse(null);
        if (work == null) return;
        if (work instanceof Work.Pay pay) {
            pay(chargeId, pay);
        } else if (work instanceof Work.Refund refund) {
            gateway.refund(refund.gatewayChargeId(), refund.amount());
            charges.refunded(chargeId);
        } else {
            charges.fail(chargeId, Charges.Reason.NO_CARD, "The customer has no card on file; put one on with Change Card and try again");
            noCard.increment();
        }
    }

    private static Counter charged(MeterRegistry registry, String outcome) {
        return Counter.builder("imcredits.charges").description("Charge attempts answered, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private void pay(UUID chargeId, Work.Pay pay) {
        PaymentGateway.ChargeResult result;
        try {
            result = gateway.charge(pay.token(), pay.amount(), pay.idempotencyKey());
        } catch (GatewayUnavailable | FaultToleranceException e) {
            // no answer is not a decline: the money may be taken, so only the same key asked again settles it
            Log.warnf("Charge %s: the gateway did not answer in time (%s); the outcome is unknown", chargeId, e.getClass().getSimpleName());
            charges.unanswered(chargeId);
            return;
        }
        charges.complete(chargeId, result);
        outcomes.get(result.outcome()).increment();
    }

    /** Fails start-up when a live gateway call could be taken for a dead one and claimed by a second worker. */
    void checkStaleAfter(@Observes StartupEvent start) {
        ResilientGateway.requireLongerThanRetryBudget(config.chargeStaleAfter(), ConfigProvider.getConfig());
    }

    // at the shutdown event, not @PreDestroy: Quarkus runs that after it has closed the database
    void stop(@Observes ShutdownEvent event) {
        worker.stop();
    }
}
