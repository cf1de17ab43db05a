package io.imcredits.subscription.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Whether the broker can be reached: the check "broker" in a health group of its own (/q/health/group/broker, neither
 * in /q/health/ready nor in /q/health) and imcredits_broker_up on /q/metrics (1 reachable, 0 not). Readiness leaves
 * Kafka out on purpose (through a broker outage the API keeps working and the outbox holds the events); this is where
 * operations see the outage. A scheduled probe asks the broker for its nodes; the check and the gauge read the last
 * answer, so neither ever waits for the broker. A change is logged once, not at every probe.
 */
@HealthGroup("broker")
@Startup
@Singleton
public class BrokerHealth implements HealthCheck {

    /** One probe's answer: how many nodes the broker named, or why it could not be reached (at: null before the first). */
    record Probe(boolean up, int nodes, String error, Instant at) {}

    private final String servers;
    private final Duration timeout;
    private final Clock clock;
    private final Admin admin;
    private volatile Probe last = new Probe(false, 0, "not probed yet", null);

    BrokerHealth(@ConfigProperty(name = "kafka.bootstrap.servers") String servers,
            @ConfigProperty(name = "broker.probe-timeout", defaultValue = "2s") Duration timeout, MeterRegistry registry, Clock clock) {
        this.servers = servers;
        this.timeout = timeout;
        this.clock = clock;
        int millis = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
        Gauge.builder("imcredits.broker.up", this, BrokerHealth::up)
                .description("Whether the Kafka broker answered the last probe (1) or could not be reached (0)").strongReference(true)
                .register(registry);
    }

    /**
     * On a scheduler thread, never a request's; a probe still waiting for a slow broker is not overtaken by the next. The
     * first waits until the start's own work is done: a busy start is no broker outage.
     */
    @Scheduled(every = "${broker.probe-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void probe() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
            record(new Probe(nodes > 0, nodes, nodes > 0 ? null : "the broker named no nodes", clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            record(down(e.getCause()));
        } catch (Exception e) {
            record(down(e));
        }
    }

    @Override
    public HealthCheckResponse call() {
        Probe probe = last;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker").status(probe.up());
        response = probe.up() ? response.withData("nodes", probe.nodes()) : response.withData("error", probe.error());
        if (probe.at() != null) response.withData("probedAt", probe.at().toString());
        return response.build();
    }

    /** 1 reachable, 0 not; NaN before the first probe, so a service that just started raises no broker alert. */
    private double up() {
        Probe probe = last;
        return probe.at() == null ? Double.NaN : probe.up() ? 1 : 0;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }

    private Probe down(Throwable error) {
        return new Probe(false, 0, error.getClass().getSimpleName() + ": " + error.getMessage(), clock.instant());
    }

    private void record(Probe probe) {
        Probe before = last;
        last = probe;
        if (probe.up() && !before.up()) Log.infof("Broker %s reachable: %d nodes", servers, probe.nodes());
        if (!probe.up() && (before.up() || before.at() == null)) Log.warnf("Broker %s cannot be reached: %s", servers, probe.error());
    }
}
