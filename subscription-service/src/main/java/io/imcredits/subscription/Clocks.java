package io.imcredits.subscription;

import java.time.Clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The time renewals, dunning, quotes and orders go by: the system's, unless a test drives its own. */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
