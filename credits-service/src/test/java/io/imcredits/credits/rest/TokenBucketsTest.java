package io.imcredits.credits.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

    @Test
    void shouldLetABurstThroughThenAskToWaitForTheNextToken() {
        for (int i = 0; i < 3; i++) assertEquals(Duration.ZERO, buckets.take("desk-a"));
        assertEquals(Duration.ofMillis(500), buckets.take("desk-a"), "2 per second: the next token in half a second");
    }

    @Test
    void shouldRefillAtTheRateButNeverBeyondTheBurst() {
        for (int i = 0; i < 3; i++) buckets.take("desk-a");
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Duration.ZERO, buckets.take("desk-a"));
        assertTrue(buckets.take("desk-a").compareTo(Duration.ZERO) > 0);
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) assertEquals(Duration.ZERO, buckets.take("desk-a"));
        assertTrue(buckets.take("desk-a").compareTo(Duration.ZERO) > 0, "an idle hour still allows only the burst");
    }

    @Test
    void shouldNotTakeATokenFromARefusedCall() {
        for (int i = 0; i < 3; i++) buckets.take("desk-a");
        for (int i = 0; i < 10; i++) buckets.take("desk-a"); // refused calls
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Duration.ZERO, buckets.take("desk-a"), "refusals did not dig the bucket deeper");
    }

    @Test
    void shouldKeepOneBucketPerToken() {
        for (int i = 0; i < 3; i++) buckets.take("desk-a");
        assertEquals(Duration.ZERO, buckets.take("desk-b"));
    }

    @Test
    void shouldRefuseANonsenseLimit() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(0, 3, now::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(1, 0, now::get));
    }
}
