package io.imcredits.credits.rest;

import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps one runaway client (a Desk in a send loop, a leaked token) from flooding the spending and alert paths
 * (debits, refunds, holds, settles, releases, the low-balance threshold): each token subject gets one bucket of
 * credits.debit-rate-limit.burst calls refilled at .per-second, shared by those operations.
 */
@Provider
@RateLimited
public class DebitRateLimit implements ContainerRequestFilter {

    /** Too many calls for now: answered 429 with Retry-After. */
    public static class TooManyRequests extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyRequests(Duration wait) {
            super("Too many spending or alert requests with this token; retry after " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final TokenBuckets buckets;
    private final JsonWebToken jwt;

    DebitRateLimit(TokenBuckets buckets, JsonWebToken jwt) {
        this.buckets = buckets;
        this.jwt = jwt;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String subject = jwt.getSubject() == null ? "(no subject)" : jwt.getSubject();
        Duration wait = buckets.take(subject);
        if (wait.isZero()) return;
        Log.infof("Request refused for %s: rate limit reached, retry in %d ms", subject, wait.toMillis());
        throw new TooManyRequests(wait);
    }
}
