package io.imcredits.credits.rest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.imcredits.credits.CreditsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One token bucket per key, in memory: at most burst tokens, refilled at perSecond; a call takes one.
 * As a bean it holds the debit limit (credits.debit-rate-limit), built on first use, not at startup.
 */
@ApplicationScoped
class TokenBuckets {

    /** Beyond this many keys, buckets that are full again (idle callers) are forgotten. */
    private static final int MAX_KEYS = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TokenBuckets(CreditsConfig config) {
        this(config.debitRateLimit().perSecond(), config.debitRateLimit().burst(), System::nanoTime);
    }

    TokenBuckets(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Zero when the key may go on (a token is taken); otherwise how long until it may, and nothing is taken. */
    Duration take(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_KEYS) buckets.values().removeIf(bucket -> bucket.isFull(now));
        return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }

        synchronized Duration take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
