package io.imcredits.credits.rest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Quarkus refuses a body over quarkus.http.limits.max-body-size before any resource runs, with an empty
 * 413; this answers it as problem details like every other error.
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;
    private final String problem;

    BodyLimit(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = json.writeValueAsString(Problem.of(413, "Content Too Large",
                "The request body is larger than the " + this.limit + " bytes this service accepts"));
    }

    void install(@Observes Router router) {
        // Runs before Quarkus's own Content-Length check (route order -2).
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) tooLarge(context);
            else
                context.next();
        });
        // A chunked body is only found too large while it is read.
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) tooLarge(context);
            else
                context.next();
        });
    }

    private void tooLarge(RoutingContext context) {
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem);
    }
}
