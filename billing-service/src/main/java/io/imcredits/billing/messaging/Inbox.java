package io.imcredits.billing.messaging;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.imcredits.billing.outbox.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers every event applied, in the same transaction as its effect: a redelivered event changes nothing.
 * It owns the consumers' skeleton, so a consumer keeps only its dispatch over event types.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final RetriedTransaction transaction;
    private final MeterRegistry registry;

    Inbox(EntityManager em, RetriedTransaction transaction, MeterRegistry registry) {
        this.em = em;
        this.transaction = transaction;
        this.registry = registry;
    }

    /** Applies a consumed record once: in a retried transaction, parsed, recorded, then dispatched. */
    public void receive(String record, Consumer<EventEnvelope> dispatch) {
        AtomicReference<EventEnvelope> skipped = new AtomicReference<>(); // set by the attempt that committed
        transaction.run(() -> {
            EventEnvelope event = EventEnvelope.parse(record);
            skipped.set(null);
            if (firstTime(event)) dispatch.accept(event);
            else
                skipped.set(event);
        });
        if (skipped.get() != null) duplicates(skipped.get().source()).increment();
    }

    /** imcredits_inbox_duplicates_total{source}: redeliveries skipped, by the service that published the event. */
    private Counter duplicates(String source) {
        return Counter.builder("imcredits.inbox.duplicates").description("Events delivered again and skipped by the inbox")
                .tag("source", source == null ? "unknown" : source).register(registry);
    }

    /** True the first time an event is seen; false (and logged) for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(EventEnvelope event) {
        int inserted = em.createNativeQuery("insert into inbox (event_id, event_type, source) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, event.eventId())
                .setParameter(2, event.type())
                .setParameter(3, event.source())
                .executeUpdate();
        if (inserted == 0) {
            Log.infof("Skipped duplicate %s %s for customer %s", event.type(), event.eventId(), event.customerId());
        }
        return inserted == 1;
    }
}
