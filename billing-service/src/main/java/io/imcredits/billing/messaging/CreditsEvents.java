package io.imcredits.billing.messaging;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.billing.Money;
import io.imcredits.billing.PostpaidCloses;
import io.imcredits.billing.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** What this service learns from credits-service: post-paid usage to charge when the period closes. */
@ApplicationScoped
public class CreditsEvents {

    /** country and category group the invoice; events from before credits-service sent them have neither ("unknown"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PostpaidUsageRecorded(UUID usageId, UUID customerId, String messageId, Money amount, Instant recordedAt,
            String country, String category) {}

    private final Inbox inbox;
    private final PostpaidCloses postpaid;

    CreditsEvents(Inbox inbox, PostpaidCloses postpaid) {
        this.inbox = inbox;
        this.postpaid = postpaid;
    }

    @Incoming("credits-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "PostpaidUsageRecorded" -> {
                PostpaidUsageRecorded usage = event.data(PostpaidUsageRecorded.class);
                if (usage.usageId() == null || usage.amount() == null) {
                    throw new IllegalArgumentException("PostpaidUsageRecorded " + event.eventId() + " lacks a usageId or an amount");
                }
                postpaid.record(new PostpaidCloses.Usage(usage.usageId(), event.customerId(), event.partnerId(), usage.messageId(),
                        usage.amount(), usage.recordedAt(), usage.country(), usage.category()));
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
