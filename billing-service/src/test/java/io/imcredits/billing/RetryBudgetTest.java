package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** billing.charge-stale-after against the gateway's retry budget: a live charge must never look abandoned. */
class RetryBudgetTest {

    static final String CHARGE = "quarkus.fault-tolerance.\"io.imcredits.billing.ResilientGateway/charge\".";

    static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }

    @Test
    void shouldTakeTheBudgetFromTheAnnotationsUnlessConfigured() {
        // 10 s × 2 retries + 30 s
        assertEquals(Duration.ofSeconds(50), ResilientGateway.chargeRetryBudget(config(Map.of())));
        assertEquals(Duration.ofMillis(400 * 3 + 3000), ResilientGateway.chargeRetryBudget(config(Map.of(
                CHARGE + "timeout.value", "400", CHARGE + "timeout.unit", "millis", CHARGE + "retry.max-retries", "3",
                CHARGE + "retry.max-duration", "3000", CHARGE + "retry.max-duration-unit", "millis"))));
    }

    @Test
    void shouldRefuseAStaleAfterWithinTheBudget() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ResilientGateway.requireLongerThanRetryBudget(Duration.ofSeconds(30), config(Map.of())));
        assertTrue(refused.getMessage().contains("billing.charge-stale-after"), refused.getMessage());
        assertThrows(IllegalStateException.class,
                () -> ResilientGateway.requireLongerThanRetryBudget(Duration.ofSeconds(50), config(Map.of())));
        assertDoesNotThrow(() -> ResilientGateway.requireLongerThanRetryBudget(Duration.ofSeconds(60), config(Map.of())));
        // the retries lengthened by configuration beyond the default billing.charge-stale-after
        assertThrows(IllegalStateException.class, () -> ResilientGateway.requireLongerThanRetryBudget(Duration.ofSeconds(60),
                config(Map.of(CHARGE + "retry.max-retries", "6", CHARGE + "retry.max-duration", "60"))));
    }
}
