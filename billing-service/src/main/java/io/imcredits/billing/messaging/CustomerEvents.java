package io.imcredits.billing.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.imcredits.billing.CustomerOwner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    private final Inbox inbox;
    private final RetriedTransaction transaction;

    CustomerEvents(Inbox inbox, RetriedTransaction transaction) {
        this.transaction = transaction;
        this.inbox = inbox;
    }

    @Incoming("customer-events")
    @Blocking
    public void on(String record) {
        transaction.run(() -> apply(record));
    }

    void apply(String record) {
        EventEnvelope event = EventEnvelope.parse(record);
        if (!inbox.firstTime(event)) return;
        if (event.is("CustomerRegistered")) {
            CustomerOwner.register(event.customerId(), event.partnerId());
        }
    }
}
