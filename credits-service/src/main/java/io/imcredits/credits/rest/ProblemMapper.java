package io.imcredits.credits.rest;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.imcredits.credits.Conflict;
import io.imcredits.credits.InsufficientCredits;
import io.imcredits.credits.LedgerExports;
import io.imcredits.credits.NotFound;
import io.imcredits.credits.Unprocessable;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Every error this service answers, as application/problem+json with a detail a person can act on. */
public class ProblemMapper {

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFound e) {
        return problem(Problem.of(404, "Not Found", e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(Conflict e) {
        return problem(Problem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<InsufficientCreditsProblem> insufficientCredits(InsufficientCredits e) {
        return RestResponse.ResponseBuilder.<InsufficientCreditsProblem>create(402)
                .entity(new InsufficientCreditsProblem("Insufficient Credits", 402, e.getMessage(), e.available(), e.price()))
                .type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unprocessable(Unprocessable e) {
        return problem(Problem.of(422, "Unprocessable Content", e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> staleVersion(OptimisticLockException e) {
        return problem(Problem.of(409, "Conflict", "Someone else changed this record; read it again and retry with its new version"));
    }

    /** The answer must not grow with the input: the first violations by field, and how many more there are. */
    static final int MAX_VIOLATIONS = 20;

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .limit(MAX_VIOLATIONS)
                .toList();
        int more = e.getConstraintViolations().size() - violations.size();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "))
                + (more > 0 ? "; and " + more + " more" : "");
        return problem(new Problem("Constraint Violation", 400, detail, null, violations, more > 0 ? more : null));
    }

    /** Declared for MismatchedInputException too, or Quarkus's own mapper answers a wrong type with an empty 400. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public RestResponse<Problem> unreadable(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " (field '" + mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "' has the wrong type or format)"
                : "";
        return problem(Problem.of(400, "Bad Request", "The request body is not valid JSON for this operation" + where + field));
    }

    /** Unknown fields are refused rather than ignored: a misspelt optional field would otherwise be silently lost. */
    @ServerExceptionMapper
    public RestResponse<Problem> unknownField(UnrecognizedPropertyException e) {
        return badField(path(e), "is not a field of this operation");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableParameter(QueryParams.Unreadable e) {
        return badField(e.name, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> nulInText(StrictInput.NulInText e) {
        return badField(path(e), e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooManyRequests(DebitRateLimit.TooManyRequests e) {
        return RestResponse.ResponseBuilder.<Problem>create(429).entity(Problem.of(429, "Too Many Requests", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).type(Problem.MEDIA_TYPE).build();
    }

    /** Every export slot is busy: exports are short, so a few seconds is enough. */
    @ServerExceptionMapper
    public RestResponse<Problem> busy(LedgerExports.Busy e) {
        return RestResponse.ResponseBuilder.<Problem>create(429).entity(Problem.of(429, "Too Many Requests", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, 5).type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> badToken(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return problem(Problem.of(403, "Forbidden", "This token's role may not call this operation"));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) return unreadable(unreadable);
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "There is nothing at this address";
            case 405 -> "This address does not accept this HTTP method";
            case 406 -> "This address cannot answer in the requested media type";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            default -> e.getMessage();
        };
        return problem(Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail));
    }

    /** PostgreSQL going away: 57P01 admin shutdown (also pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect now. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    /**
     * The database was lost for a moment (a restart, a failover, a connection it dropped): Hibernate's connection failure,
     * or an SQLState of class 08 (connection exception) or of the server going away, whatever wraps it (a
     * PersistenceException, a transaction's exception); for the reactive client (the balance read), a refused or closed
     * connection or the same SQLStates. Answered 503: the client sends the request again with the same Idempotency-Key
     * or message id.
     */
    private static boolean databaseLost(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLException sql && connectionLost(sql.getSQLState())) return true;
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof DatabaseException db && connectionLost(db.getSqlState()))
                return true;
        }
        return false;
    }

    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        if (databaseLost(e)) return unreachableDatabase(e);
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s", errorId);
        return problem(new Problem("Internal Server Error", 500,
                "Something went wrong on our side; quote error id " + errorId + " to operations", errorId, null, null));
    }

    private static RestResponse<Problem> badField(String field, String message) {
        return problem(new Problem("Bad Request", 400, field + ": " + message, null, List.of(new Problem.Violation(field, message)), null));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static RestResponse<Problem> unreachableDatabase(Throwable e) {
        Log.warnf("The database cannot be reached, answered 503: %s", e.toString());
        return RestResponse.ResponseBuilder.<Problem>create(503)
                .entity(Problem.of(503, "Service Unavailable", "The database cannot be reached for a moment; send the request again"))
                .header(HttpHeaders.RETRY_AFTER, 1).type(Problem.MEDIA_TYPE).build();
    }

    private static RestResponse<Problem> unauthorized() {
        return RestResponse.ResponseBuilder.<Problem>create(401)
                .entity(Problem.of(401, "Unauthorized", "Send a valid, unexpired Bearer token in the Authorization header"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE).build();
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    /** "register.request.email" becomes "email", "list.size" becomes "size": the client knows its fields, not our methods. */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        boolean inMethod = nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.METHOD;
        List<Path.Node> fields = !inMethod ? nodes : nodes.size() > 2 ? nodes.subList(2, nodes.size()) : nodes.subList(1, 2);
        return fields.stream().map(Path.Node::toString).collect(Collectors.joining("."));
    }
}
