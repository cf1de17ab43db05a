package io.imcredits.customer.outbox;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the events this service writes reach the broker: how many wait in the outbox and for how long. Readiness
 * leaves Kafka out on purpose: through a broker outage the API keeps working and the outbox holds the events, so a
 * load balancer must not take the service out. This check (/q/health/well, and /q/health) is where operations see
 * that events wait: DOWN once the oldest has waited longer than outbox.stuck-after.
 */
@Wellness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final Clock clock;
    private final Duration stuckAfter;

    OutboxHealth(Clock clock, @ConfigProperty(name = "outbox.stuck-after", defaultValue = "60s") Duration stuckAfter) {
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxEvent.Backlog backlog = QuarkusTransaction.requiringNew().call(OutboxEvent::backlog);
        Duration waited = backlog.waited(clock.instant());
        return HealthCheckResponse.named("outbox").status(waited.compareTo(stuckAfter) <= 0)
                .withData("unsent", backlog.unsent()).withData("oldestWaitingSeconds", waited.toSeconds()).build();
    }
}
