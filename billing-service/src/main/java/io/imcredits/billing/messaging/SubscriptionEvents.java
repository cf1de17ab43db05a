package io.imcredits.billing.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.billing.ActiveAddOn;
import io.imcredits.billing.Charges;
import io.imcredits.billing.InvoiceLine;
import io.imcredits.billing.Money;
import io.imcredits.billing.outbox.EventEnvelope;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this service learns from subscription-service: orders to charge, refunds to make, and the
 * add-ons that bill to the card. Only the charge request is recorded here; the gateway is called
 * by the charge worker after this transaction commits. A record that fails goes to the dead-letter topic.
 */
@ApplicationScoped
public class SubscriptionEvents {

    /**
     * kind: PURCHASE (the default, also when absent) or RENEWAL; a renewal names the service period it pays for
     * (periodEnd exclusive). Either is charged the same way, once per orderId.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenseUpdateRequested(UUID orderId, UUID customerId, UUID partnerId, String payer, List<InvoiceLine> lines,
            Money subtotal, Money fee, Money total, String kind, Instant periodStart, Instant periodEnd) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RefundRequested(UUID orderId, UUID customerId, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenseUpdated(UUID orderId, UUID customerId, List<AddOn> addOns) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record AddOn(String code, String kind, int quantity) {}
    }

    private final Inbox inbox;
    private final Charges charges;

    SubscriptionEvents(Inbox inbox, Charges charges) {
        this.inbox = inbox;
        this.charges = charges;
    }

    @Incoming("subscription-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "LicenseUpdateRequested" -> requestCharge(event, event.data(LicenseUpdateRequested.class));
            case "RefundRequested" -> {
                RefundRequested refund = event.data(RefundRequested.class);
                charges.requestRefund(refund.orderId(), refund.reason());
            }
            case "LicenseUpdated" -> {
                LicenseUpdated update = event.data(LicenseUpdated.class);
                if (update.addOns() != null) {
                    ActiveAddOn.replace(event.customerId(), update.addOns().stream()
                            .map(addOn -> ActiveAddOn.of(event.customerId(), addOn.code(), addOn.kind(), addOn.quantity()))
                            .toList());
                }
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }

    private void requestCharge(EventEnvelope event, LicenseUpdateRequested order) {
        // a zero total (only a post-paid add-on) is an order too: answered without a charge
        if (order.orderId() == null || order.total() == null || order.total().signum() < 0) {
            throw new IllegalArgumentException("LicenseUpdateRequested " + event.eventId() + " lacks an orderId or a total of zero or more");
        }
        if (!order.total().inWholeMinorUnits()) {
            throw new IllegalArgumentException("LicenseUpdateRequested " + event.eventId() + " has a total of " + order.total()
                    + ", not a whole number of minor units: a gateway cannot charge it");
        }
        Money fee = order.fee() != null ? order.fee() : Money.zero(order.total().currency());
        Money subtotal = order.subtotal() != null ? order.subtotal() : order.total();
        charges.requestForOrder(new Charges.Order(order.orderId(), event.customerId(), partnerOf(event, order.partnerId()),
                event.correlationId() != null ? event.correlationId() : order.orderId(),
                order.lines() != null ? order.lines() : List.of(), subtotal, fee, order.total(), servicePeriod(order)));
    }

    /**
     * A renewal's period goes on its charge, for the invoice. A period that is half given or ends before it starts
     * is left off (logged): the money is right either way, and the order must still be answered.
     */
    private static Charges.Period servicePeriod(LicenseUpdateRequested order) {
        if (order.periodStart() == null && order.periodEnd() == null) return null;
        if (order.periodStart() == null || order.periodEnd() == null || !order.periodStart().isBefore(order.periodEnd())) {
            Log.warnf("Order %s (%s) names no usable service period (%s to %s): its invoice shows none", order.orderId(), order.kind(),
                    order.periodStart(), order.periodEnd());
            return null;
        }
        return new Charges.Period(order.periodStart(), order.periodEnd());
    }

    private static UUID partnerOf(EventEnvelope event, UUID fromData) {
        return fromData != null ? fromData : event.partnerId();
    }
}
