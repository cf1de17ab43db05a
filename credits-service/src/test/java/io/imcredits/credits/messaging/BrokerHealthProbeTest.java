package io.imcredits.credits.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A broker that cannot be reached: the check is DOWN with the error, the gauge 0 (the module tests' broker stays up). */
class BrokerHealthProbeTest {

    @Test
    void shouldReportDownAndZeroWhenTheBrokerCannotBeReached() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerHealth health = new BrokerHealth("127.0.0.1:1", Duration.ofMillis(500), registry, Clock.systemUTC()); // nothing listens there
        try {
            assertEquals(HealthCheckResponse.Status.DOWN, health.call().getStatus(), "DOWN until a probe says otherwise");
            assertEquals(Double.NaN, registry.get("imcredits.broker.up").gauge().value(), "no reading before the first probe");
            health.probe();

            HealthCheckResponse response = health.call();
            assertEquals("broker", response.getName());
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertNotNull(response.getData().orElseThrow().get("error"));
            assertNotNull(response.getData().orElseThrow().get("probedAt"));
            assertEquals(0.0, registry.get("imcredits.broker.up").gauge().value());
        } finally {
            health.close();
        }
    }
}
