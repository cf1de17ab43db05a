package io.imcredits.subscription.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;

/** A database lost for a moment is a 503 the client retries; any other failure stays a 500. */
class ProblemMapperTest {

    @Test
    void shouldAnswer503RetryAfterOneWhenTheDatabaseCannotBeReached() {
        JDBCConnectionException refused = new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        assertUnavailable(new ProblemMapper().unexpected(refused));
        assertUnavailable(new ProblemMapper().unexpected(new PersistenceException(new SQLException("An I/O error occurred", "08006"))));
        assertUnavailable(new ProblemMapper().unexpected(new PersistenceException(new SQLException("terminating connection", "57P01"))));
        assertUnavailable(new ProblemMapper().unexpected(new QuarkusTransactionException(refused)));
    }

    @Test
    void shouldAnswer500ForAnSqlFailureThatIsNotAboutTheConnection() {
        RestResponse<Problem> response = new ProblemMapper().unexpected(new PersistenceException(new SQLException("duplicate key", "23505")));
        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString("Retry-After"));
    }

    private static void assertUnavailable(RestResponse<Problem> response) {
        assertEquals(503, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("Service Unavailable", response.getEntity().title());
        assertEquals("The database cannot be reached for a moment; send the request again", response.getEntity().detail());
    }
}
