package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After a database restart every pooled connection is dead. Terminating this service's backends does the same to the
 * pools; a JDBC connection idle longer than the validation interval is checked and replaced before use, and the reactive
 * client drops a connection the server closed, so no request fails.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class DatabaseReconnectTest {

    static final int CALLS = 10;

    @Test
    void shouldAnswerEveryRequestAfterThePooledConnectionsWereTerminated() throws Exception {
        String accounts = "/api/credit-accounts?partnerId=" + UUID.randomUUID();
        // the balance read takes its connection from the reactive client's pool (CreditAccount.read), which drops a closed one
        String balance = "/api/customers/" + Fixture.customer(UUID.randomUUID()) + "/credits";
        assertEquals(Collections.nCopies(CALLS, 200), atOnce(accounts), "calls at once fill the pool with connections");
        assertEquals(Collections.nCopies(CALLS, 200), atOnce(balance), "and the reactive client's pool");

        terminatePooledConnections();
        // The behaviour under test: a connection idle longer than foreground-validation-interval (1 s) is checked first.
        Thread.sleep(1500);

        assertEquals(Collections.nCopies(CALLS, 200), atOnce(balance));
        assertEquals(Collections.nCopies(CALLS, 200), atOnce(accounts));
        for (int i = 0; i < CALLS; i++) {
            given().auth().oauth2(Tokens.ops()).get(accounts).then().statusCode(200);
        }
    }

    /** What a restart does to the pool: every backend of this database but the one asking is gone. */
    private static void terminatePooledConnections() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        }
    }

    /** The statuses of CALLS calls made at once, each on a pooled connection of its own (the background jobs take one or two). */
    private static List<Integer> atOnce(String path) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try {
            Callable<Integer> call = () -> given().auth().oauth2(Tokens.ops()).get(path).statusCode();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : callers.invokeAll(Collections.nCopies(CALLS, call))) statuses.add(status.get());
            return statuses;
        } finally {
            callers.shutdownNow();
        }
    }
}
