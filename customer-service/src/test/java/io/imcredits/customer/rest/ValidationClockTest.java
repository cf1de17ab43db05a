package io.imcredits.customer.rest;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;

@QuarkusTest
class ValidationClockTest {

    @Inject
    ValidatorFactory validation;

    @Inject
    Clock clock;

    /** @Future and WithinYears decide by the service's clock, not one of their own. */
    @Test
    void shouldValidateDatesByTheServiceClock() {
        assertSame(clock, validation.getClockProvider().getClock());
    }
}
