package io.imcredits.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The business metrics operations read on /q/metrics (deploy/prometheus/alerts.yml alerts on some). */
@QuarkusTest
@WithTestResource(TestKeys.class)
class MetricsTest {

    static final String APP = "application=\"subscription-service\"";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldServeTheBusinessMetricsTaggedWithTheApplication() {
        Scrape scrape = Scrape.now();
        for (String name : List.of("imcredits_outbox_unsent", "imcredits_outbox_oldest_unsent_seconds",
                "imcredits_orders_pending_payment_oldest_seconds")) {
            assertEquals(1, scrape.all(name, APP).size(), name);
        }
        for (String status : List.of("PENDING_PAYMENT", "COMPLETED", "FAILED")) {
            assertEquals(1, scrape.all("imcredits_orders", APP, "status=\"" + status + "\"").size(), status);
        }
        for (String channel : List.of("customer-events", "billing-events", "credits-events")) {
            assertEquals(1, scrape.all("imcredits_dead_letters_total", APP, "channel=\"" + channel + "\"").size(), channel);
        }
        assertTrue(scrape.value("imcredits_outbox_unsent", APP) >= 0);
        assertFalse(scrape.samples.isEmpty());
        scrape.samples.forEach(sample -> assertTrue(sample.has(APP), "every meter names the application: " + sample));
    }

    @Test
    void shouldCountAnOrderWaitingForItsPayment() {
        UUID partnerId = UUID.randomUUID();
        UUID customerId = Saga.customerWithCard(partnerId, "PROFESSIONAL", 5, "USD");
        String quoteId = Saga.quote(partnerId, customerId, """
                {"planCode": "PROFESSIONAL", "agents": 6}""");
        Saga.confirm(partnerId, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(202); // billing never answers here

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Scrape scrape = Scrape.now();
            return scrape.value("imcredits_orders", APP, "status=\"PENDING_PAYMENT\"") >= 1
                    && scrape.value("imcredits_orders_pending_payment_oldest_seconds", APP) >= 0;
        });
    }

    @Test
    void shouldCountARedeliveredEventSkippedByTheInbox() {
        UUID customerId = UUID.randomUUID(), partnerId = UUID.randomUUID();
        String record = Saga.customerRegistered(UUID.randomUUID(), customerId, partnerId);
        Saga.CUSTOMER_EVENTS.send(customerId.toString(), record);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> CustomerEventsTest.owner(customerId) != null);
        double before = Scrape.now().value("imcredits_inbox_duplicates_total", APP, "source=\"customer-service\"");

        Saga.CUSTOMER_EVENTS.send(customerId.toString(), record); // Kafka delivers the same event again

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.now().value("imcredits_inbox_duplicates_total", APP, "source=\"customer-service\"") >= before + 1);
    }

    @Test
    void shouldCountARecordSentToTheDeadLetterTopic() {
        String channel = "channel=\"customer-events\"";
        double before = Scrape.now().value("imcredits_dead_letters_total", APP, channel);

        Saga.CUSTOMER_EVENTS.send(UUID.randomUUID().toString(), "{\"this is\": not an event");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.now().value("imcredits_dead_letters_total", APP, channel) >= before + 1);
    }
}
