package io.imcredits.credits.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting in the outbox (or already sent), in the order it was written. */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "customer_id")
    public UUID customerId;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    static OutboxEvent of(EventEnvelope event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.eventType = event.type();
        row.customerId = event.customerId();
        row.payload = event.toJson();
        row.createdAt = event.occurredAt();
        return row;
    }

    /**
     * The oldest unsent events, locked; none while another instance's relay holds the relay lock. One relay at a time
     * keeps a customer's events on the topic in the order they were written (two relays sending side by side could
     * swap a CardUpdated and a CardRemoved); the other instance's relay finds them at its next wake-up or poll.
     */
    @SuppressWarnings("unchecked")
    static List<OutboxEvent> lockNextUnsent(int limit) {
        // released when the relay's transaction ends
        boolean relaying = (Boolean) getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(hashtext('outbox-relay'))")
                .getSingleResult();
        if (!relaying) return List.of();
        return getEntityManager()
                .createNativeQuery("select * from outbox where sent_at is null order by seq limit ?1 for update skip locked",
                        OutboxEvent.class)
                .setParameter(1, limit)
                .getResultList();
    }

    /** How many events wait to be sent, and since when the oldest waits (null: none waits). */
    record Backlog(long unsent, Instant oldest) {

        /** How long the oldest has waited by now (zero when none waits). */
        Duration waited(Instant now) {
            return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        }
    }

    static Backlog backlog() {
        Object[] row = (Object[]) getEntityManager()
                .createQuery("select count(e), min(e.createdAt) from OutboxEvent e where e.sentAt is null").getSingleResult();
        return new Backlog((Long) row[0], (Instant) row[1]);
    }

    static long deleteSentBefore(Instant before) {
        return delete("sentAt < ?1", before);
    }
}
