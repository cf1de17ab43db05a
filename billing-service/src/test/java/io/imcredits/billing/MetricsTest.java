package io.imcredits.billing;

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

    static final String APP = "application=\"billing-service\"";
    static final UUID PARTNER = UUID.randomUUID();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldServeTheBusinessMetricsTaggedWithTheApplication() {
        Scrape scrape = Scrape.now();
        for (String name : List.of("imcredits_outbox_unsent", "imcredits_outbox_oldest_unsent_seconds")) {
            assertEquals(1, scrape.all(name, APP).size(), name);
        }
        for (String outcome : List.of("SUCCEEDED", "DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_CARD", "NO_CARD")) {
            assertEquals(1, scrape.all("imcredits_charges_total", APP, "outcome=\"" + outcome + "\"").size(), outcome);
        }
        for (String channel : List.of("customer-events", "subscription-events", "credits-events")) {
            assertEquals(1, scrape.all("imcredits_dead_letters_total", APP, "channel=\"" + channel + "\"").size(), channel);
        }
        assertFalse(scrape.samples.isEmpty());
        scrape.samples.forEach(sample -> assertTrue(sample.has(APP), "every meter names the application: " + sample));
    }

    @Test
    void shouldCountEachChargeByItsOutcome() {
        Scrape first = Scrape.now();
        double succeeded = first.value("imcredits_charges_total", APP, "outcome=\"SUCCEEDED\"");
        double declined = first.value("imcredits_charges_total", APP, "outcome=\"DECLINED\"");
        UUID paying = Fixture.customerOf(PARTNER), declining = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, paying, "4242424242424242");
        Fixture.putCard(PARTNER, declining, "4000000000000002");

        ChargingTest.awaitSettled(ChargingTest.order(paying));
        ChargingTest.awaitSettled(ChargingTest.order(declining));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> { // counted right after the answer commits
            Scrape scrape = Scrape.now();
            return scrape.value("imcredits_charges_total", APP, "outcome=\"SUCCEEDED\"") >= succeeded + 1
                    && scrape.value("imcredits_charges_total", APP, "outcome=\"DECLINED\"") >= declined + 1;
        });
    }

    @Test
    void shouldCountARedeliveredEventSkippedByTheInbox() {
        UUID customerId = UUID.randomUUID();
        String source = "source=\"customer-service\"";
        double before = Scrape.now().value("imcredits_inbox_duplicates_total", APP, source);
        String registered = Events.customerRegistered(UUID.randomUUID(), customerId, PARTNER);

        Events.CUSTOMER_EVENTS.send(customerId.toString(), registered);
        Events.CUSTOMER_EVENTS.send(customerId.toString(), registered); // Kafka delivers the same event again

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.now().value("imcredits_inbox_duplicates_total", APP, source) >= before + 1);
    }
}
