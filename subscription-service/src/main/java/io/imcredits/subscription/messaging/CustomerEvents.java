package io.imcredits.subscription.messaging;

import java.time.Clock;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.subscription.CustomerOwner;
import io.imcredits.subscription.Subscriptions;
import io.imcredits.subscription.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    /** The fields of CustomerRegistered this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CustomerRegistered(UUID customerId, String currency, String planCode, Integer agents, String payer) {}

    private final Inbox inbox;
    private final Subscriptions subscriptions;
    private final Clock clock;

    CustomerEvents(Inbox inbox, Subscriptions subscriptions, Clock clock) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
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
                CustomerRegistered registered = event.data(CustomerRegistered.class);
                CustomerOwner.register(event.customerId(), event.partnerId(), clock.instant());
                subscriptions.open(event.customerId(), registered.planCode(), registered.agents(), registered.currency(), registered.payer());
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
