package io.imcredits.subscription.messaging;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.subscription.CardOnFile;
import io.imcredits.subscription.LicenseUpdates;
import io.imcredits.subscription.Money;
import io.imcredits.subscription.Renewals;
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

    /** A post-paid charge that failed; finalAttempt: billing has no retry left. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostpaidChargeFailed(String chargeId, Paid amount, String reason, Integer attempt, boolean finalAttempt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostpaidChargeSucceeded(String chargeId) {
    }

    private final Inbox inbox;
    private final LicenseUpdates licenseUpdates;
    private final Renewals renewals;
    private final RetriedTransaction transaction;

    BillingEvents(Inbox inbox, LicenseUpdates licenseUpdates, Renewals renewals, RetriedTransaction transaction) {
        this.transaction = transaction;
        this.inbox = inbox;
        this.licenseUpdates = licenseUpdates;
        this.renewals = renewals;
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
            renewals.cardUpdated(event.customerId()); // a renewal in dunning is retried at once on the new card
        } else if (event.is("PostpaidChargeFailed")) {
            PostpaidChargeFailed failed = event.data(PostpaidChargeFailed.class);
            Money amount = failed.amount() == null || failed.amount().amount() == null || failed.amount().currency() == null ? null
                    : new Money(failed.amount().amount(), failed.amount().currency());
            renewals.postpaidChargeFailed(event.customerId(), requireCharge(failed.chargeId()), amount, failed.reason(), failed.attempt(),
                    failed.finalAttempt());
        } else if (event.is("PostpaidChargeSucceeded")) {
            renewals.postpaidChargeSucceeded(event.customerId(), requireCharge(event.data(PostpaidChargeSucceeded.class).chargeId()));
        } else if (event.is("CardRemoved")) {
            CardOnFile.forget(event.customerId());
        }
    }

    private static String requireCharge(String chargeId) {
        if (chargeId == null || chargeId.isBlank()) throw new IllegalArgumentException("The event's data lacks chargeId");
        return chargeId;
    }

    private static UUID require(UUID orderId) {
        if (orderId == null) throw new IllegalArgumentException("The event's data lacks orderId");
        return orderId;
    }
}
