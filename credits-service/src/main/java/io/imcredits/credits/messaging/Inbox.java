package io.imcredits.credits.messaging;

import java.util.function.Consumer;

import io.imcredits.credits.outbox.EventEnvelope;
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

    Inbox(EntityManager em, RetriedTransaction transaction) {
        this.em = em;
        this.transaction = transaction;
    }

    /** Applies a consumed record once: in a retried transaction, parsed, recorded, then dispatched. */
    public void receive(String record, Consumer<EventEnvelope> dispatch) {
        transaction.run(() -> {
            EventEnvelope event = EventEnvelope.parse(record);
            if (firstTime(event)) dispatch.accept(event);
        });
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
