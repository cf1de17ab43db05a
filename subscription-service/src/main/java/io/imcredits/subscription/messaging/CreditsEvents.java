package io.imcredits.subscription.messaging;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.subscription.AutoRecharges;
import io.imcredits.subscription.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from credits-service: a balance crossed its auto-recharge threshold. Failures go to the dead-letter topic. */
@ApplicationScoped
public class CreditsEvents {

    /** The fields of AutoRechargeTriggered this service reads (available and threshold are credits-service's to explain). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AutoRechargeTriggered(UUID customerId, String crossingId) {}

    private final Inbox inbox;
    private final AutoRecharges autoRecharges;

    CreditsEvents(Inbox inbox, AutoRecharges autoRecharges) {
        this.inbox = inbox;
        this.autoRecharges = autoRecharges;
    }

    @Incoming("credits-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "AutoRechargeTriggered" -> {
                AutoRechargeTriggered triggered = event.data(AutoRechargeTriggered.class);
                if (triggered.customerId() != null && !triggered.customerId().equals(event.customerId())) {
                    throw new IllegalArgumentException("AutoRechargeTriggered for customer " + triggered.customerId() + " in an envelope of customer "
                            + event.customerId());
                }
                String crossingId = triggered.crossingId();
                if (crossingId == null || crossingId.isBlank() || crossingId.length() > AutoRecharges.MAX_CROSSING_ID) {
                    throw new IllegalArgumentException("AutoRechargeTriggered needs a crossingId of 1 to " + AutoRecharges.MAX_CROSSING_ID + " characters");
                }
                autoRecharges.triggered(event.customerId(), crossingId);
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
