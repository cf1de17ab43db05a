package io.imcredits.credits;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The customer-service contract as this service consumes it, through the real broker. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CustomerEventsTest {

    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");
    static final KafkaTopic DEAD_LETTERS = new KafkaTopic("test.credits-service.dlq");

    static CustomerOwner owner(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> CustomerOwner.findById(customerId));
    }

    static long inboxRows(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) CustomerOwner.getEntityManager()
                .createNativeQuery("select count(*) from inbox where event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }

    @Test
    void shouldLearnTheOwnerOfARegisteredCustomerOnceEvenWhenRedelivered() {
        UUID eventId = UUID.randomUUID(), customerId = UUID.randomUUID(), partnerId = UUID.randomUUID();
        String record = Fixture.customerRegistered(eventId, customerId, partnerId);

        CUSTOMER_EVENTS.send(customerId.toString(), record);
        await().atMost(Duration.ofSeconds(30)).until(() -> owner(customerId) != null);
        Instant firstSeen = owner(customerId).registeredAt;

        CUSTOMER_EVENTS.send(customerId.toString(), record); // Kafka redelivers the same event
        UUID marker = UUID.randomUUID();
        CUSTOMER_EVENTS.send(marker.toString(), Fixture.customerRegistered(UUID.randomUUID(), marker, partnerId));
        await().atMost(Duration.ofSeconds(30)).until(() -> owner(marker) != null); // the redelivery was consumed before it

        assertEquals(partnerId, owner(customerId).partnerId);
        assertEquals(firstSeen, owner(customerId).registeredAt, "the redelivery changed nothing");
        assertEquals(1, inboxRows(eventId));
        assertTrue(DEAD_LETTERS.recordsWithKey(customerId.toString()).isEmpty(), "the redelivery was skipped, not failed");
    }

    @Test
    void shouldDeadLetterARecordItCannotParseAndKeepGoing() {
        String garbageKey = UUID.randomUUID().toString();
        CUSTOMER_EVENTS.send(garbageKey, "{\"this is\": not an event");
        UUID customerId = UUID.randomUUID();
        CUSTOMER_EVENTS.send(customerId.toString(), Fixture.customerRegistered(UUID.randomUUID(), customerId, UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> owner(customerId) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !DEAD_LETTERS.recordsWithKey(garbageKey).isEmpty());
        var deadLetter = DEAD_LETTERS.recordsWithKey(garbageKey).get(0);
        assertEquals("{\"this is\": not an event", deadLetter.value());
        assertTrue(new String(deadLetter.headers().lastHeader("dead-letter-reason").value()).contains("Not an event envelope"));
    }
}
