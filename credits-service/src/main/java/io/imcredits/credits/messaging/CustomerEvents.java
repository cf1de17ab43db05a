package io.imcredits.credits.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.CustomerOwner;
import io.imcredits.credits.messaging.Events.CustomerRegistered;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What this service learns from customer-service. A record that fails here goes to the dead-letter topic. */
@ApplicationScoped
public class CustomerEvents {

    private final Inbox inbox;
    private final Accounts accounts;

    CustomerEvents(Inbox inbox, Accounts accounts) {
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @Incoming("customer-events")
    @Blocking
    @Transactional
    public void on(String record) {
        EventEnvelope event = EventEnvelope.parse(record);
        if (!inbox.firstTime(event)) return;
        if (event.is("CustomerRegistered")) {
            CustomerOwner.register(event.customerId(), event.partnerId());
            CustomerRegistered registered = event.data(CustomerRegistered.class);
            if (registered.currency() == null) throw new IllegalArgumentException("CustomerRegistered lacks data.currency");
            accounts.open(event.customerId(), event.partnerId(), registered.currency());
        }
    }
}
