package io.imcredits.billing.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.imcredits.billing.CustomerOwner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    private final Inbox inbox;

    CustomerEvents(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("customer-events")
    @Blocking
    @Transactional
    public void on(String record) {
        EventEnvelope event = EventEnvelope.parse(record);
        if (!inbox.firstTime(event)) return;
        if (event.is("CustomerRegistered")) {
            CustomerOwner.register(event.customerId(), event.partnerId());
        }
    }
}
