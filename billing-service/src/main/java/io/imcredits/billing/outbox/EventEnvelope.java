package io.imcredits.billing.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON envelope every record on every topic carries (see the README's events table). */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String source,
        UUID partnerId, UUID customerId, UUID correlationId, JsonNode data) {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static EventEnvelope of(String type, Instant occurredAt, String source, UUID partnerId, UUID customerId, UUID correlationId,
            Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, 1, occurredAt, source, partnerId, customerId,
                correlationId, JSON.valueToTree(data));
    }

    /** Reads a record; anything that is not a complete envelope is refused (and dead-lettered by the consumer). */
    public static EventEnvelope parse(String json) {
        EventEnvelope event;
        try {
            event = JSON.readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an event envelope: " + e.getMessage(), e);
        }
        if (event.eventId == null || event.type == null || event.customerId == null || event.data == null) {
            throw new IllegalArgumentException("Event envelope lacks eventId, type, customerId or data");
        }
        return event;
    }

    public <T> T data(Class<T> dataType) {
        return JSON.convertValue(data, dataType);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write event " + eventId, e);
        }
    }
}
