package io.imcredits.credits.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;

/**
 * A validation answer does not grow with the input: at most 20 violations, and how many more there are. A database lost
 * for a moment is a 503 the client retries.
 */
class ProblemMapperTest {

    @Test
    void shouldListAtMostTwentyViolationsAndCountTheRest() {
        Problem problem = new ProblemMapper().invalid(violations(25)).getEntity();
        assertEquals(20, problem.violations().size());
        assertEquals("f00", problem.violations().get(0).field(), "sorted by field");
        assertEquals(5, problem.moreViolations());
        assertTrue(problem.detail().endsWith("; and 5 more"), problem.detail());

        Problem few = new ProblemMapper().invalid(violations(3)).getEntity();
        assertEquals(3, few.violations().size());
        assertNull(few.moreViolations(), "absent when every violation is listed");
    }

    @Test
    void shouldAnswer503RetryAfterOneWhenTheDatabaseCannotBeReached() {
        JDBCConnectionException refused = new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        assertUnavailable(new ProblemMapper().unexpected(refused));
        assertUnavailable(new ProblemMapper().unexpected(new PersistenceException(new SQLException("An I/O error occurred", "08006"))));
        assertUnavailable(new ProblemMapper().unexpected(new PersistenceException(new SQLException("terminating connection", "57P01"))));
        assertUnavailable(new ProblemMapper().unexpected(new QuarkusTransactionException(refused)));
    }

    /** The balance read's reactive client fails in its own types: a refused connect, a closed connection, an SQLState. */
    @Test
    void shouldAnswer503WhenTheReactiveClientLosesTheDatabase() {
        assertUnavailable(new ProblemMapper().unexpected(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertUnavailable(new ProblemMapper().unexpected(ClosedConnectionException.INSTANCE));
        assertUnavailable(new ProblemMapper().unexpected(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertUnavailable(new ProblemMapper().unexpected(new PgException("the database system is starting up", "FATAL", "57P03", null)));
    }

    @Test
    void shouldAnswer500ForAnSqlFailureThatIsNotAboutTheConnection() {
        for (Throwable e : List.of(new PersistenceException(new SQLException("duplicate key", "23505")),
                new PgException("duplicate key", "ERROR", "23505", null))) {
            RestResponse<Problem> response = new ProblemMapper().unexpected(e);
            assertEquals(500, response.getStatus(), e.toString());
            assertNull(response.getHeaderString("Retry-After"));
        }
    }

    private static void assertUnavailable(RestResponse<Problem> response) {
        assertEquals(503, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("Service Unavailable", response.getEntity().title());
        assertEquals("The database cannot be reached for a moment; send the request again", response.getEntity().detail());
    }

    private static ConstraintViolationException violations(int n) {
        Set<ConstraintViolation<?>> violations = new HashSet<>();
        IntStream.range(0, n).forEach(i -> violations.add(violation("f%02d".formatted(i))));
        return new ConstraintViolationException(violations);
    }

    /** A violation of one top-level field: all the mapper reads is its path and message. */
    private static ConstraintViolation<Object> violation(String field) {
        Path.Node node = new Path.Node() {
            public String getName() {
                return field;
            }
            public boolean isInIterable() {
                return false;
            }
            public Integer getIndex() {
                return null;
            }
            public Object getKey() {
                return null;
            }
            public ElementKind getKind() {
                return ElementKind.PROPERTY;
            }
            public <T extends Path.Node> T as(Class<T> type) {
                return type.cast(this);
            }
            @Override
            public String toString() {
                return field;
            }
        };
        Path path = new Path() {
            public Iterator<Node> iterator() {
                return List.of(node).iterator();
            }
            @Override
            public String toString() {
                return field;
            }
        };
        return new ConstraintViolation<>() {
            public String getMessage() {
                return "must not be null";
            }
            public String getMessageTemplate() {
                return null;
            }
            public Object getRootBean() {
                return null;
            }
            public Class<Object> getRootBeanClass() {
                return Object.class;
            }
            public Object getLeafBean() {
                return null;
            }
            public Object[] getExecutableParameters() {
                return null;
            }
            public Object getExecutableReturnValue() {
                return null;
            }
            public Path getPropertyPath() {
                return path;
            }
            public Object getInvalidValue() {
                return null;
            }
            public ConstraintDescriptor<?> getConstraintDescriptor() {
                return null;
            }
            public <U> U unwrap(Class<U> type) {
                return type.cast(this);
            }
        };
    }
}
