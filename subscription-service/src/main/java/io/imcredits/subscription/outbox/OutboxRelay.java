package io.imcredits.subscription.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Publishes outbox rows to Kafka, oldest first, keyed by customer id, and marks them sent.
 * It wakes right after a transaction that wrote an event commits (no polling delay on the
 * purchase path) and also polls, to pick up rows left by a crash or a failed send.
 * A row is marked sent only after the broker acknowledged it: at-least-once, and consumers'
 * inboxes drop the rare duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;

    private final MutinyEmitter<String> emitter;
    private final Duration sendTimeout;
    private final CoalescingWorker worker;
    private final Clock clock;

    OutboxRelay(@Channel("subscription-events") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "outbox.send-timeout", defaultValue = "15s") Duration sendTimeout, Clock clock) {
        this.emitter = emitter;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
        this.worker = new CoalescingWorker("outbox-relay", this::drain);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        wake();
    }

    // delayed: the emitter's channel is wired during start-up, after the scheduler may first fire
    @Scheduled(every = "${outbox.poll-interval:2s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        long deleted = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.deleteSentBefore(clock.instant().minus(Duration.ofDays(7))));
        if (deleted > 0) Log.infof("Outbox: pruned %d sent events older than 7 days", deleted);
    }

    /** Coalesces wake-ups: see CoalescingWorker. */
    void wake() {
        worker.wake();
    }

    private void drain() {
        try {
            while (relayBatch() == BATCH && !worker.stopping()) {
                // a full batch: more may be waiting
            }
        } catch (Exception e) {
            Log.warnf("Outbox: publishing failed, will retry: %s", e.getMessage());
        }
    }

    private int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> batch = OutboxEvent.lockNextUnsent(BATCH);
            if (batch.isEmpty()) return 0;
            // sent with the transaction suspended (its rows stay locked): Kafka's callbacks run on the producer's
            // thread, and carrying the transaction there made Narayana roll it back now and then
            QuarkusTransaction.suspendingExisting().run(() -> {
                List<Uni<Void>> acks = batch.stream()
                        .map(row -> emitter.sendMessage(KafkaRecord.of(row.customerId.toString(), row.payload)))
                        .toList();
                Uni.join().all(acks).andFailFast().await().atMost(sendTimeout);
            });
            Instant now = clock.instant();
            batch.forEach(row -> row.sentAt = now);
            Log.debugf("Outbox: published %d events", batch.size());
            return batch.size();
        });
    }

    // at the shutdown event, not @PreDestroy: Quarkus runs that after it has closed the database
    void stop(@Observes ShutdownEvent event) {
        worker.stop();
    }
}
