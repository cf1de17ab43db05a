package io.imcredits.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/** The service's clock in tests: the system's, until a test sets it (and resets it when done). Replaces the default Clock bean. */
@Singleton
public class TestClock extends Clock {

    private static volatile Instant fixed;

    /** From now on the service's time is {@code instant} (it stands still until set again). */
    static void set(Instant instant) {
        fixed = instant;
    }

    static void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
