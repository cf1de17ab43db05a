package io.imcredits.customer.rest;

import java.time.Clock;

import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

/** Bean Validation's "now" (@Future, WithinYears) is the service's clock, so a test that moves it moves both. */
@Singleton
public class ValidationClock implements ClockProvider {

    private final Clock clock;

    ValidationClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock getClock() {
        return clock;
    }
}
