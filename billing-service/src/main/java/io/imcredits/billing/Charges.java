package io.imcredits.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.imcredits.billing.PaymentGateway.ChargeResult;
import io.imcredits.billing.PublishedEvents.PaymentFailed;
import io.imcredits.billing.PublishedEvents.PaymentRefunded;
import io.imcredits.billing.PublishedEvents.PaymentSucceeded;
import io.imcredits.billing.PublishedEvents.PostpaidChargeFailed;
import io.imcredits.billing.PublishedEvents.PostpaidChargeSucceeded;
import io.imcredits.billing.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * The charge's life in short transactions: requested (in the consumer's inbox transaction),
 * claimed (the attempt committed before the gateway is called), completed (outcome, invoice and
 * event together). The gateway is called by {@link ChargeWorker} between them, never inside one.
 */
@ApplicationScoped
public class Charges {

    public enum Reason {
        DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD, NO_CARD, GATEWAY_UNAVAILABLE
    }

    /** Fired when a charge has work; the worker wakes once the transaction commits. */
    public record ChargeRequested(UUID chargeId) {}

    /** The service period an order pays for (a renewal's); end exclusive. */
    public record Period(Instant start, Instant end) {}

    /** An order to charge, as subscription-service asks for it; period is null unless a renewal names one. */
    public record Order(UUID orderId, UUID customerId, UUID partnerId, UUID correlationId, List<InvoiceLine> lines,
            Money subtotal, Money fee, Money total, Period period) {}

    /** What the worker does next for a claimed charge. */
    public sealed interface Work {
        record Pay(String token, Money amount, String idempotencyKey) implements Work {}

        record Refund(String gatewayChargeId, Money amount) implements Work {}

        record NoCard() implements Work {}
    }

    /** The longest wait between two asks of a gateway that does not answer. */
    static final Duration MAX_UNANSWERED_WAIT = Duration.ofHours(1);

    private final Invoices invoices;
    private final Outbox outbox;
    private final Event<ChargeRequested> requested;
    private final BillingConfig config;
    private final Clock clock;

    Charges(Invoices invoices, Outbox outbox, Event<ChargeRequested> requested, BillingConfig config, Clock clock) {
        this.invoices = invoices;
        this.outbox = outbox;
        this.requested = requested;
        this.config = config;
        this.clock = clock;
    }

    /**
     * In the consumer's transaction: one charge per order, however often the request is delivered. An order
     * with nothing to charge (only a post-paid add-on) is answered at once without the gateway and without an
     * invoice: paid if the card its add-ons will bill to is on file, NO_CARD if not. Its charge row (total 0)
     * keeps the answer, so a repeated request gets no second one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Charge requestForOrder(Order order) {
        UUID orderId = order.orderId(), customerId = order.customerId();
        Money total = order.total();
        Optional<Charge> existing = Charge.forOrder(orderId);
        if (existing.isPresent()) {
            Log.infof("Order %s already has charge %s (%s): not charging again", orderId, existing.get().id, existing.get().status);
            return existing.get();
        }
        Charge charge = Charge.pending(Charge.Kind.ORDER, customerId, order.partnerId(), order.correlationId(), order.lines(),
                order.subtotal(), order.fee(), total, Instant.now(clock));
        charge.orderId = orderId;
        charge.gatewayKey = orderId.toString();
        if (order.period() != null) {
            charge.periodStart = order.period().start();
            charge.periodEnd = order.period().end();
        }
        if (total.signum() == 0) return nothingToCharge(charge);
        charge.persist();
        requested.fire(new ChargeRequested(charge.id));
        Log.infof("Charge %s of %s requested for order %s of customer %s", charge.id, total, orderId, customerId);
        return charge;
    }

    private Charge nothingToCharge(Charge charge) {
        Optional<Card> card = Card.findByIdOptional(charge.customerId);
        if (card.isEmpty()) {
            charge.persist();
            fail(charge, Reason.NO_CARD, "The customer has no card on file, and the add-ons of this order are charged to it "
                    + "after use; put one on with Change Card and try again");
            return charge;
        }
        charge.status = Charge.Status.SUCCEEDED;
        charge.chargedAmount = charge.total;
        charge.payer = card.get().payer;
        charge.payerId = card.get().payerId;
        charge.cardBrand = card.get().brand;
        charge.cardLast4 = card.get().last4;
        charge.billingCountry = card.get().billingCountry;
        charge.persist();
        outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                new PaymentSucceeded(charge.orderId, null, null, charge.chargedMoney()));
        Log.infof("Order %s of customer %s has nothing to charge (%s): paid without a gateway call, card on file",
                charge.orderId, charge.customerId, charge.totalMoney());
        return charge;
    }

    /** Any reason (PAYMENT_TIMEOUT, AMOUNT_MISMATCH, …): what was paid goes back once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestRefund(UUID orderId, String reason) {
        Optional<Charge> charge = Charge.forOrder(orderId);
        if (charge.isEmpty() || charge.get().status == Charge.Status.FAILED || charge.get().status == Charge.Status.REFUNDED) {
            Log.infof("Refund of order %s (%s) asked for: nothing paid to refund", orderId, reason);
            return;
        }
        if (charge.get().gatewayChargeId == null && charge.get().status == Charge.Status.SUCCEEDED) {
            refunded(charge.get()); // nothing was charged (a zero total): nothing to give back at the gateway
            return;
        }
        charge.get().refundRequested = true;
        requested.fire(new ChargeRequested(charge.get().id));
        Log.infof("Refund of order %s (%s) requested, charge %s", orderId, reason, charge.get().id);
    }

    /**
     * Claims a due charge and commits the attempt before any gateway call: a fresh attempt takes the
     * card on file now and its own idempotency key; a charge whose worker died mid-call is re-run with
     * the key and card of that attempt, so the gateway answers the first result instead of charging again.
     */
    @Transactional
    public Optional<Work> claim(UUID chargeId) {
        Optional<Charge> locked = Charge.lock(chargeId);
        if (locked.isEmpty()) return Optional.empty();
        Charge charge = locked.get();
        Instant now = Instant.now(clock);
        switch (charge.status) {
            case SUCCEEDED -> {
                return charge.refundRequested ? Optional.of(new Work.Refund(charge.gatewayChargeId, charge.chargedMoney())) : Optional.empty();
            }
            case CHARGING -> {
                // a live call ends within the gateway's retry budget, which chargeStaleAfter exceeds (checked at start-up)
                if (charge.attemptedAt.isAfter(now.minus(config.chargeStaleAfter()))) return Optional.empty();
                Log.warnf("Charge %s: the attempt with key %s never finished; asking the gateway again with the same key", charge.id, charge.attemptKey);
            }
            case UNKNOWN -> {
                if (charge.nextAttemptAt.isAfter(now)) return Optional.empty();
                Log.infof("Charge %s: asking the gateway again with key %s (unanswered %d times)", charge.id, charge.attemptKey, charge.unanswered);
                charge.status = Charge.Status.CHARGING;
            }
            case PENDING -> {
                if (charge.nextAttemptAt.isAfter(now)) return Optional.empty();
                Optional<Card> card = Card.findByIdOptional(charge.customerId);
                charge.attempts++;
                if (card.isEmpty()) return Optional.of(new Work.NoCard());
                charge.attemptKey = charge.attempts == 1 ? charge.gatewayKey : charge.gatewayKey + "#" + charge.attempts;
                charge.unanswered = 0;
                charge.cardToken = card.get().gatewayToken;
                charge.payer = card.get().payer;
                charge.payerId = card.get().payerId;
                charge.cardBrand = card.get().brand;
                charge.cardLast4 = card.get().last4;
                charge.billingCountry = card.get().billingCountry;
                charge.status = Charge.Status.CHARGING;
            }
            default -> {
                return Optional.empty();
            }
        }
        charge.attemptedAt = charge.updatedAt = now;
        return Optional.of(new Work.Pay(charge.cardToken, charge.totalMoney(), charge.attemptKey));
    }

    /** Outcome, invoice and events in one transaction. */
    @Transactional
    public void complete(UUID chargeId, ChargeResult result) {
        Charge charge = Charge.findById(chargeId);
        if (charge.status != Charge.Status.CHARGING) return; // completed already (a re-run answered twice)
        if (!result.succeeded()) {
            fail(charge, Reason.valueOf(result.outcome().name()), result.message());
            return;
        }
        Instant now = Instant.now(clock);
        charge.status = Charge.Status.SUCCEEDED;
        charge.gatewayChargeId = result.gatewayChargeId();
        // what the gateway says it took is what PaymentSucceeded reports: subscription-service compares it with the order
        charge.chargedAmount = result.amount() != null ? result.amount().amount() : charge.total;
        boolean recovered = charge.kind == Charge.Kind.POSTPAID && charge.failureReason != null; // paid after a failed attempt
        if (charge.chargedAmount.compareTo(charge.total) != 0) {
            Log.errorf("Charge %s: the gateway took %s, not the %s asked for", charge.id, charge.chargedMoney(), charge.totalMoney());
        }
        charge.failureReason = charge.failureMessage = null;
        charge.updatedAt = now;
        Invoice invoice = invoices.issue(charge, now);
        charge.invoiceId = invoice.id;
        if (charge.kind == Charge.Kind.ORDER) {
            outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                    new PaymentSucceeded(charge.orderId, charge.id, invoice.id, charge.chargedMoney()));
        }
        if (recovered) {
            outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                    new PostpaidChargeSucceeded(charge.customerId, charge.id, charge.chargedMoney()));
        }
        if (charge.refundRequested) requested.fire(new ChargeRequested(charge.id));
        Log.infof("Charge %s succeeded (%s, order %s, customer %s), invoice %s", charge.id, charge.chargedMoney(),
                charge.orderId, charge.customerId, invoice.number);
    }

    /** A definite failure of a live attempt; never over an outcome already settled (a SUCCEEDED charge stays so). */
    @Transactional
    public void fail(UUID chargeId, Reason reason, String message) {
        Charge charge = Charge.findById(chargeId);
        if (charge.status != Charge.Status.PENDING && charge.status != Charge.Status.CHARGING) {
            Log.warnf("Charge %s is %s: not failing it (%s)", chargeId, charge.status, reason);
            return;
        }
        fail(charge, reason, message);
    }

    /**
     * The gateway gave no definite answer (a time-out after all retries): it may have taken the money, so the
     * charge neither fails nor moves to a new key. It waits (longer each time, at most an hour) and is asked
     * again with the same key until the gateway answers; the order stays unpaid meanwhile.
     */
    @Transactional
    public void unanswered(UUID chargeId) {
        Charge charge = Charge.findById(chargeId);
        if (charge.status != Charge.Status.CHARGING) return;
        Instant now = Instant.now(clock);
        charge.unanswered++;
        Duration wait = config.chargePollInterval().multipliedBy(1L << Math.min(20, charge.unanswered - 1));
        charge.status = Charge.Status.UNKNOWN;
        charge.nextAttemptAt = now.plus(wait.compareTo(MAX_UNANSWERED_WAIT) > 0 ? MAX_UNANSWERED_WAIT : wait);
        charge.updatedAt = now;
        Log.warnf("Charge %s (order %s, customer %s): no answer from the gateway for key %s; asking again at %s",
                charge.id, charge.orderId, charge.customerId, charge.attemptKey, charge.nextAttemptAt);
    }

    /**
     * An order's charge fails for good (subscription-service fails the order with the reason). A
     * post-paid period's charge is tried again later, and meanwhile the customer is past due.
     */
    private void fail(Charge charge, Reason reason, String message) {
        Instant now = Instant.now(clock);
        charge.failureReason = reason.name();
        charge.failureMessage = message;
        charge.updatedAt = now;
        if (charge.kind == Charge.Kind.POSTPAID) {
            // attempt n (counted at its claim) is followed by the schedule's n-th wait, if the schedule has one
            List<Duration> schedule = config.postpaidRetrySchedule();
            int attempt = Math.max(1, charge.attempts);
            boolean finalAttempt = attempt > schedule.size();
            outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                    new PostpaidChargeFailed(charge.customerId, charge.id, charge.totalMoney(), reason.name(), attempt, finalAttempt));
            if (!finalAttempt) {
                charge.status = Charge.Status.PENDING;
                charge.nextAttemptAt = now.plus(schedule.get(attempt - 1));
                Log.warnf("Post-paid charge %s of customer %s failed (%s, attempt %d); customer past due, next attempt at %s",
                        charge.id, charge.customerId, reason, attempt, charge.nextAttemptAt);
                return;
            }
        }
        charge.status = Charge.Status.FAILED;
        if (charge.kind == Charge.Kind.ORDER) {
            outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                    new PaymentFailed(charge.orderId, reason.name(), message));
        }
        Log.warnf("Charge %s failed for good (%s, order %s, customer %s)", charge.id, reason, charge.orderId, charge.customerId);
    }

    @Transactional
    public void refunded(UUID chargeId) {
        refunded(Charge.findById(chargeId));
    }

    private void refunded(Charge charge) {
        if (charge.status != Charge.Status.SUCCEEDED) return;
        Instant now = Instant.now(clock);
        charge.status = Charge.Status.REFUNDED;
        charge.refundRequested = false;
        charge.updatedAt = now;
        if (charge.invoiceId != null) {
            Invoice invoice = Invoice.findById(charge.invoiceId);
            invoice.status = Invoice.Status.REFUNDED;
            invoice.refundedAt = now;
        }
        outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                new PaymentRefunded(charge.orderId, charge.gatewayChargeId == null ? null : charge.id, charge.chargedMoney()));
        Log.infof("Charge %s of order %s refunded (%s)", charge.id, charge.orderId, charge.chargedMoney());
    }
}
