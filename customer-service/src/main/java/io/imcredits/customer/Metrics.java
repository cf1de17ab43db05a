package io.imcredits.customer;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Tags every meter on /q/metrics with application=quarkus.application.name, so one Prometheus scraping all the
 * services (and deploy/prometheus/alerts.yml) tells them apart. Quarkus applies every MeterFilter bean.
 */
public class Metrics {

    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }
}
