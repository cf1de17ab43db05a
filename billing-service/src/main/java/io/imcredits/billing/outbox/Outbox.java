package io.imcredits.billing.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/** Writes events in the caller's transaction; OutboxRelay publishes them once it commits. */
@ApplicationScoped
public class Outbox {

    /** Fired inside the writing transaction; the relay observes it after a successful commit. */
    public record Written(UUID eventId) {}

    private final Event<Written> written;
    private final String source;
    private final Clock clock;

    Outbox(Event<Written> written, @ConfigProperty(name = "quarkus.application.name") String source, Clock clock) {
        this.written = written;
        this.source = source;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(UUID partnerId, UUID customerId, UUID correlationId, ExportedEvent data) {
        EventEnvelope event = EventEnvelope.of(data.type(), Instant.now(clock), source, partnerId, customerId, correlationId, data);
        OutboxEvent.of(event).persist();
        written.fire(new Written(event.eventId()));
        return event;
    }
}
