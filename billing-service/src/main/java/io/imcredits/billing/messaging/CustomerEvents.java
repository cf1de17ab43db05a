package io.imcredits.billing.messaging;

import java.time.Clock;
import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.billing.CustomerOwner;
import io.imcredits.billing.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    /** What invoices print of a customer; both events carry the current values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomerDetails(String companyName, String country) {}

    private final Inbox inbox;
    private final Clock clock;

    CustomerEvents(Inbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    @Incoming("customer-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "CustomerRegistered" -> {
                CustomerDetails details = event.data(CustomerDetails.class);
                CustomerOwner.register(event.customerId(), event.partnerId(), details.companyName(), details.country(), Instant.now(clock));
            }
            case "CustomerUpdated" -> {
                CustomerDetails details = event.data(CustomerDetails.class);
                CustomerOwner.describe(event.customerId(), details.companyName(), details.country());
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
