package io.imcredits.credits.messaging;

import java.time.Clock;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.CustomerOwner;
import io.imcredits.credits.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomerRegistered(UUID customerId, UUID partnerId, String currency) {}

    private final Inbox inbox;
    private final Accounts accounts;
    private final Clock clock;

    CustomerEvents(Inbox inbox, Accounts accounts, Clock clock) {
        this.inbox = inbox;
        this.accounts = accounts;
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
                CustomerOwner.register(event.customerId(), event.partnerId(), clock.instant());
                CustomerRegistered registered = event.data(CustomerRegistered.class);
                if (registered.currency() == null) throw new IllegalArgumentException("CustomerRegistered lacks data.currency");
                accounts.open(event.customerId(), event.partnerId(), registered.currency());
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
