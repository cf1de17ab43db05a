package io.imcredits.credits.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.messaging.Events.CreditsPurchased;
import io.imcredits.credits.messaging.Events.LicenseUpdated;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from subscription-service: paid credits and the post-paid add-on. Failures are dead-lettered. */
@ApplicationScoped
public class SubscriptionEvents {

    private final Inbox inbox;
    private final Accounts accounts;
    private final RetriedTransaction transaction;

    SubscriptionEvents(Inbox inbox, Accounts accounts, RetriedTransaction transaction) {
        this.transaction = transaction;
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @Incoming("subscription-events")
    @Blocking
    public void on(String record) {
        transaction.run(() -> apply(record));
    }

    void apply(String record) {
        EventEnvelope event = EventEnvelope.parse(record);
        if (!inbox.firstTime(event)) return;
        if (event.is("CreditsPurchased")) {
            accounts.grant(event.partnerId(), event.correlationId(), event.data(CreditsPurchased.class));
        } else if (event.is("LicenseUpdated")) {
            accounts.postpaid(event.customerId(), event.data(LicenseUpdated.class).postpaid());
        }
    }
}
