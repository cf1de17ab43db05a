package io.imcredits.subscription.messaging;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.subscription.AutoRecharges;
import io.imcredits.subscription.CardOnFile;
import io.imcredits.subscription.LicenseUpdates;
import io.imcredits.subscription.Money;
import io.imcredits.subscription.Renewals;
import io.imcredits.subscription.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** billing-service's answers to the purchase saga and whether a customer has a card. Failures go to the dead-letter topic. */
@ApplicationScoped
public class BillingEvents {

    /** amount: what was paid; null for an event without one (or without its amount or currency), never trusted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentSucceeded(UUID orderId, String chargeId, String invoiceId, Paid amount) {}

    /** Money as billing writes it; read leniently so that a partial amount is a mismatch to refund, not a dead letter. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paid(BigDecimal amount, String currency) {
        /** The amount as our Money; null when the event lacks it, its amount or currency, or they are not money (a 5th decimal). */
        static Money money(Paid paid) {
            if (paid == null || paid.amount() == null || paid.currency() == null) return null;
            try {
                return Money.of(paid.amount(), paid.currency());
            } catch (IllegalArgumentException notMoney) {
                return null;
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentFailed(UUID orderId, String reason, String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentRefunded(UUID orderId, String chargeId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CardUpdated(String brand, String last4) {}

    /** A post-paid charge that failed; finalAttempt: billing has no retry left. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostpaidChargeFailed(String chargeId, Paid amount, String reason, Integer attempt, boolean finalAttempt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostpaidChargeSucceeded(String chargeId) {}

    private final Inbox inbox;
    private final LicenseUpdates licenseUpdates;
    private final Renewals renewals;
    private final AutoRecharges autoRecharges;
    private final Clock clock;

    BillingEvents(Inbox inbox, LicenseUpdates licenseUpdates, Renewals renewals, AutoRecharges autoRecharges, Clock clock) {
        this.inbox = inbox;
        this.licenseUpdates = licenseUpdates;
        this.renewals = renewals;
        this.autoRecharges = autoRecharges;
        this.clock = clock;
    }

    @Incoming("billing-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "PaymentSucceeded" -> {
                PaymentSucceeded paid = event.data(PaymentSucceeded.class);
                licenseUpdates.paymentSucceeded(require(paid.orderId()), paid.chargeId(), paid.invoiceId(), Paid.money(paid.amount()));
            }
            case "PaymentFailed" -> {
                PaymentFailed failed = event.data(PaymentFailed.class);
                licenseUpdates.paymentFailed(require(failed.orderId()), failed.reason(), failed.message());
            }
            case "PaymentRefunded" -> {
                PaymentRefunded refunded = event.data(PaymentRefunded.class);
                licenseUpdates.paymentRefunded(require(refunded.orderId()), refunded.chargeId());
            }
            case "CardUpdated" -> {
                CardUpdated card = event.data(CardUpdated.class);
                CardOnFile.remember(event.customerId(), card.brand(), card.last4(), clock.instant());
                renewals.cardUpdated(event.customerId()); // a renewal in dunning is retried at once on the new card
                autoRecharges.cardUpdated(event.customerId()); // and so is the last failed auto-recharge
            }
            case "PostpaidChargeFailed" -> {
                PostpaidChargeFailed failed = event.data(PostpaidChargeFailed.class);
                renewals.postpaidChargeFailed(event.customerId(), requireCharge(failed.chargeId()), Paid.money(failed.amount()), failed.reason(),
                        failed.attempt(), failed.finalAttempt());
            }
            case "PostpaidChargeSucceeded" ->
                    renewals.postpaidChargeSucceeded(event.customerId(), requireCharge(event.data(PostpaidChargeSucceeded.class).chargeId()));
            case "CardRemoved" -> CardOnFile.forget(event.customerId());
            default -> {
            } // other types of the topic are not for this service
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
