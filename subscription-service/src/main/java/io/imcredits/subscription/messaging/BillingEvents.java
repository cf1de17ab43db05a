package io.imcredits.subscription.messaging;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.subscription.CardOnFile;
import io.imcredits.subscription.LicenseUpdates;
import io.imcredits.subscription.Money;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** billing-service's answers to the purchase saga and whether a customer has a card. Failures go to the dead-letter topic. */
@ApplicationScoped
public class BillingEvents {

    /** amount: what was paid; null for an event without one (or without its amount or currency), never trusted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentSucceeded(UUID orderId, String chargeId, String invoiceId, Paid amount) {
        Money amountPaid() {
            return amount == null || amount.amount() == null || amount.currency() == null ? null : new Money(amount.amount(), amount.currency());
        }
    }

    /** Money as billing writes it; read leniently so that a partial amount is a mismatch to refund, not a dead letter. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paid(BigDecimal amount, String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentFailed(UUID orderId, String reason, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentRefunded(UUID orderId, String chargeId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CardUpdated(String brand, String last4) {
    }

    private final Inbox inbox;
    private final LicenseUpdates licenseUpdates;
    private final RetriedTransaction transaction;

    BillingEvents(Inbox inbox, LicenseUpdates licenseUpdates, RetriedTransaction transaction) {
        this.transaction = transaction;
        this.inbox = inbox;
        this.licenseUpdates = licenseUpdates;
    }

    @Incoming("billing-events")
    @Blocking
    public void on(String record) {
        transaction.run(() -> apply(record));
    }

    void apply(String record) {
        EventEnvelope event = EventEnvelope.parse(record);
        if (!inbox.firstTime(event)) return;
        if (event.is("PaymentSucceeded")) {
            PaymentSucceeded paid = event.data(PaymentSucceeded.class);
            licenseUpdates.paymentSucceeded(require(paid.orderId()), paid.chargeId(), paid.invoiceId(), paid.amountPaid());
        } else if (event.is("PaymentFailed")) {
            PaymentFailed failed = event.data(PaymentFailed.class);
            licenseUpdates.paymentFailed(require(failed.orderId()), failed.reason(), failed.message());
        } else if (event.is("PaymentRefunded")) {
            PaymentRefunded refunded = event.data(PaymentRefunded.class);
            licenseUpdates.paymentRefunded(require(refunded.orderId()), refunded.chargeId());
        } else if (event.is("CardUpdated")) {
            CardUpdated card = event.data(CardUpdated.class);
            CardOnFile.remember(event.customerId(), card.brand(), card.last4());
        } else if (event.is("CardRemoved")) {
            CardOnFile.forget(event.customerId());
        }
    }

    private static UUID require(UUID orderId) {
        if (orderId == null) throw new IllegalArgumentException("The event's data lacks orderId");
        return orderId;
    }
}
