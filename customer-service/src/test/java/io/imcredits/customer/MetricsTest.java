package io.imcredits.customer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The outbox on /q/metrics, as operations read it (alert OutboxEventStuck in deploy/prometheus/alerts.yml). */
@QuarkusTest
@WithTestResource(TestKeys.class)
class MetricsTest {

    static final String APP = "application=\"customer-service\"";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @Test
    void shouldServeTheOutboxMetricsTaggedWithTheApplication() {
        Scrape scrape = Scrape.now();
        for (String name : List.of("imcredits_outbox_unsent", "imcredits_outbox_oldest_unsent_seconds")) {
            assertEquals(1, scrape.all(name, APP).size(), name);
            assertTrue(scrape.value(name, APP) >= 0, name);
        }
        assertFalse(scrape.samples.isEmpty());
        scrape.samples.forEach(sample -> assertTrue(sample.has(APP), "every meter names the application: " + sample));
    }

    @Test
    void shouldShowAnEventWaitingWhileTheRelayCannotPublishAndNoneOnceItCan() throws Exception {
        UUID partnerId = UUID.randomUUID();
        Fixture.onboard(partnerId, "Metrics Partner");
        try (Connection relay = db.getConnection(); Statement statement = relay.createStatement()) {
            // holds the lock OutboxRelay takes to publish: the relay finds nothing to send until it is released
            relay.setAutoCommit(false);
            statement.execute("select pg_advisory_xact_lock(hashtext('outbox-relay'))");
            try {
                Fixture.register(partnerId, "Waiting Corp", "ann@waiting.example");

                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> Scrape.now().value("imcredits_outbox_unsent", APP) >= 1);
                assertTrue(Scrape.now().value("imcredits_outbox_oldest_unsent_seconds", APP) >= 0);
            } finally {
                relay.rollback();
            }
        }

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Scrape scrape = Scrape.now();
            return scrape.value("imcredits_outbox_unsent", APP) == 0 && scrape.value("imcredits_outbox_oldest_unsent_seconds", APP) == 0;
        });
    }
}
