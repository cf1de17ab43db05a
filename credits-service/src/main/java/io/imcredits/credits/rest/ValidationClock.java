package io.imcredits.credits.rest;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ClockProvider;

/** Validation reads the service's clock too (WithinYears): Quarkus's validator factory takes a ClockProvider bean. */
@ApplicationScoped
class ValidationClock implements ClockProvider {

    private final Clock clock;

    ValidationClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock getClock() {
        return clock;
    }
}
