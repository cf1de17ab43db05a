package io.imcredits.credits;

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

    static final String APP = "application=\"credits-service\"";
    static final String USD = "currency=\"USD\"";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldServeTheBusinessMetricsTaggedWithTheApplication() {
        Scrape scrape = Scrape.now();
        for (String name : List.of("imcredits_outbox_unsent", "imcredits_outbox_oldest_unsent_seconds", "imcredits_holds_open")) {
            assertEquals(1, scrape.all(name, APP).size(), name);
        }
        for (String channel : List.of("customer-events", "subscription-events")) {
            assertEquals(1, scrape.all("imcredits_dead_letters_total", APP, "channel=\"" + channel + "\"").size(), channel);
        }
        assertFalse(scrape.samples.isEmpty());
        scrape.samples.forEach(sample -> assertTrue(sample.has(APP), "every meter names the application: " + sample));
    }

    @Test
    void shouldCountADebitOnceAndAnOpenHold() {
        UUID partnerId = UUID.randomUUID();
        UUID customerId = Fixture.customer(partnerId);
        Fixture.grant(customerId, partnerId, "10.00");
        double before = Scrape.now().value("imcredits_credits_debited_total", APP, USD);

        String message = Fixture.message("wamid." + UUID.randomUUID(), "IN", "MARKETING");
        Fixture.debit(Tokens.desk(customerId), customerId, message).statusCode(201);
        Fixture.debit(Tokens.desk(customerId), customerId, message).statusCode(200); // the same message again spends nothing

        assertEquals(before + 1, Scrape.now().value("imcredits_credits_debited_total", APP, USD));

        Fixture.hold(Tokens.desk(customerId), customerId, "wamid." + UUID.randomUUID(), "IN", "MARKETING").statusCode(201);
        assertTrue(Scrape.now().value("imcredits_holds_open", APP) >= 1);
    }

    @Test
    void shouldCountAGrantAndARedeliveredPurchaseSkippedByTheInbox() {
        UUID partnerId = UUID.randomUUID();
        UUID customerId = Fixture.customer(partnerId);
        Scrape first = Scrape.now();
        double granted = first.value("imcredits_credits_granted_total", APP, USD);
        double duplicates = first.value("imcredits_inbox_duplicates_total", APP, "source=\"subscription-service\"");
        String purchase = Fixture.creditsPurchased(UUID.randomUUID(), customerId, partnerId, UUID.randomUUID(), "10.00");

        Fixture.SUBSCRIPTION_EVENTS.send(customerId.toString(), purchase);
        Fixture.SUBSCRIPTION_EVENTS.send(customerId.toString(), purchase); // Kafka delivers the same event again

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Scrape scrape = Scrape.now();
            return scrape.value("imcredits_credits_granted_total", APP, USD) >= granted + 1
                    && scrape.value("imcredits_inbox_duplicates_total", APP, "source=\"subscription-service\"") >= duplicates + 1;
        });
    }
}
