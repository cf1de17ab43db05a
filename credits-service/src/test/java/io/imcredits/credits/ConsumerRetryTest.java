package io.imcredits.credits;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A valid event that meets a failing database is applied once the database is back, not dead-lettered. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class ConsumerRetryTest {

    static final KafkaTopic DEAD_LETTERS = new KafkaTopic("test.credits-service.dlq");

    @Inject
    DataSource db;

    @Test
    void shouldApplyAnEventThatMetAFailingDatabaseOnceItIsBack() throws Exception {
        UUID customerId = UUID.randomUUID(), partnerId = UUID.randomUUID();
        // Every consumer transaction fails while the inbox table is away, as it would with the database down.
        execute("alter table inbox rename to inbox_away");
        try {
            Fixture.CUSTOMER_EVENTS.send(customerId.toString(), Fixture.customerRegistered(UUID.randomUUID(), customerId, partnerId));
            Thread.sleep(1_500);
        } finally {
            execute("alter table inbox_away rename to inbox");
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Fixture.account(customerId) != null);
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> CustomerOwner.findById(customerId)));
        assertTrue(DEAD_LETTERS.recordsWithKey(customerId.toString()).isEmpty(), "the event was retried, not dead-lettered");
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
