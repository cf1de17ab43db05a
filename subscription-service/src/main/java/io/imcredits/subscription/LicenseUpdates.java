package io.imcredits.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.PublishedEvents.CreditsPurchased;
import io.imcredits.subscription.PublishedEvents.LicenseUpdateRequested;
import io.imcredits.subscription.PublishedEvents.LicenseUpdated;
import io.imcredits.subscription.PublishedEvents.RefundRequested;
import io.imcredits.subscription.outbox.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The purchase saga's side in this service: a confirmed quote becomes an order waiting for its payment
 * (LicenseUpdateRequested), and billing's answer completes it (LicenseUpdated, CreditsPurchased) or fails it.
 * Locks are taken subscription first, then order, everywhere, so confirmations and payments never deadlock.
 */
@ApplicationScoped
public class LicenseUpdates {

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final SubscriptionConfig config;
    private final Renewals renewals;
    private final AutoRecharges autoRecharges;
    private final Clock clock;

    LicenseUpdates(Outbox outbox, Subscriptions subscriptions, SubscriptionConfig config, Renewals renewals, AutoRecharges autoRecharges,
            Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.config = config;
        this.renewals = renewals;
        this.autoRecharges = autoRecharges;
        this.clock = clock;
    }

    /**
     * Confirms a quote (Update License → OK). The same Idempotency-Key with the same quote returns the
     * order it made; with another quote it is refused.
     */
    @Transactional
    public LicenseOrder confirm(Caller caller, UUID customerId, UUID quoteId, String idempotencyKey) {
        return place(caller, customerId, quoteId, idempotencyKey, null);
    }

    /**
     * Confirms a quote of IM credits for auto-recharge, exactly as a partner's confirmation (the same checks, the same
     * LicenseUpdateRequested), the order marked automatic for the crossing it recharges.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LicenseOrder confirmAutomatic(Caller caller, UUID customerId, UUID quoteId, String idempotencyKey, String crossingId) {
        return place(caller, customerId, quoteId, idempotencyKey, crossingId);
    }

    /** crossingId: null for a partner's confirmation; for auto-recharge, the crossing the order recharges. */
    private LicenseOrder place(Caller caller, UUID customerId, UUID quoteId, String idempotencyKey, String crossingId) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        UUID partnerId = caller.requirePartner();
        String requestHash = IdempotencyKey.hash(customerId, quoteId);
        UUID orderId = UUID.randomUUID();
        if (!IdempotencyKey.claim(partnerId, idempotencyKey, requestHash, orderId)) {
            IdempotencyKey used = IdempotencyKey.find(partnerId, idempotencyKey);
            if (!used.requestHash.equals(requestHash)) {
                throw new Unprocessable("Idempotency-Key", "This Idempotency-Key already confirmed another quote; send a new key for a new confirmation");
            }
            Log.infof("License update %s replayed with the same Idempotency-Key: nothing new charged", used.orderId);
            return LicenseOrder.findById(used.orderId);
        }
        Subscription subscription = Subscription.lockOf(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
        Quote quote = Quote.findFor(customerId, quoteId)
                .orElseThrow(() -> new Unprocessable("quoteId", "There is no quote " + quoteId + " for this customer"));
        Instant now = clock.instant();
        if (LicenseOrder.existsForQuote(quoteId)) throw new Conflict("Quote " + quoteId + " was already confirmed; ask for a new quote");
        if (quote.expiredAt(now)) throw new Conflict("Quote " + quoteId + " expired at " + quote.expiresAt + "; ask for a new quote");
        if (quote.basedOnVersion != subscription.version) {
            throw new Conflict("The subscription changed since quote " + quoteId + " was made; ask for a new quote");
        }
        if (LicenseOrder.pendingFor(customerId)) {
            throw new Conflict("Another license update of this customer is waiting for its payment; confirm again once it has completed or failed");
        }
        // No card check here: billing holds the card and fails the order (NO_CARD) if there is none. Our copy of it
        // (CardOnFile) may not have heard a Change Card made a moment ago, and must not refuse a card billing has.
        LicenseOrder order = crossingId == null ? LicenseOrder.place(orderId, quote, now) : LicenseOrder.placeAutomatic(orderId, quote, crossingId, now);
        outbox.publish(owner.partnerId, customerId, order.id, new LicenseUpdateRequested(order.id, customerId,
                owner.partnerId, subscription.payer, quote.lines, quote.subtotal(), quote.fee(), quote.total(), quote.imCredits,
                LicenseOrder.Kind.PURCHASE.name(), null, null));
        Log.infof("License update %s for customer %s placed from quote %s: charging %s", order.id, customerId, quoteId, quote.total());
        return order;
    }

    public LicenseOrder get(Caller caller, UUID orderId) {
        return LicenseOrder.<LicenseOrder>findByIdOptional(orderId)
                .filter(order -> caller.maySee(order.partnerId, order.customerId))
                .orElseThrow(() -> new NotFound("No license update " + orderId));
    }

    public Page<LicenseOrder> list(Caller caller, UUID customerId, int page, int size) {
        CustomerOwner.visibleTo(caller, customerId);
        var query = LicenseOrder.ofCustomer(customerId);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    /**
     * The card was charged (or, for an order with nothing to charge, billing found a card and charged nothing: chargeId
     * and invoiceId are null): apply every line. If the order had already failed, or the payment is not for the
     * order's total (null: an event without an amount, never trusted), the money goes back instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void paymentSucceeded(UUID orderId, String chargeId, String invoiceId, Money paid) {
        LicenseOrder order = lockedOrder(orderId, "PaymentSucceeded");
        if (order == null) return;
        Instant now = clock.instant();
        if (order.status == LicenseOrder.Status.FAILED) {
            requestRefund(order, chargeId, now);
            return;
        }
        if (!order.pending()) {
            Log.infof("License update %s is already %s; PaymentSucceeded (charge %s) ignored", orderId, order.status, chargeId);
            return;
        }
        Quote quote = order.quote;
        if (!quote.total().sameAs(paid)) {
            String amount = paid == null ? "no amount" : paid.toString();
            Log.errorf("License update %s for customer %s: charge %s paid %s, not the order's total %s; the order fails and the payment is refunded",
                    orderId, order.customerId, chargeId, amount, quote.total());
            order.fail(LicenseOrder.AMOUNT_MISMATCH, "The payment (" + amount + ") is not the order's total (" + quote.total()
                    + "); it is refunded: ask for a new quote", now);
            requestRefund(order, chargeId, now);
            if (order.automatic) autoRecharges.orderEnded(order);
            return;
        }
        Subscription subscription = Subscription.lockOf(order.customerId).orElseThrow();
        if (order.kind == LicenseOrder.Kind.RENEWAL) {
            order.complete(chargeId, invoiceId, now);
            renewals.paid(order, subscription, now);
            return;
        }
        subscription.apply(quote.planCode, quote.agents, quote.addOns, now);
        order.complete(chargeId, invoiceId, now);
        outbox.publish(order.partnerId, order.customerId, order.id, new LicenseUpdated(order.id, order.customerId,
                subscription.planCode, subscription.agents, subscription.addOnQuantities(subscriptions.catalog())));
        if (quote.imCredits > 0) {
            outbox.publish(order.partnerId, order.customerId, order.id,
                    new CreditsPurchased(order.id, order.customerId, quote.imCredits, quote.creditBalance(),
                            config.credits().validFor().map(now::plus).orElse(null)));
        }
        Log.infof("License update %s completed for customer %s (charge %s, invoice %s, %d credits)", orderId, order.customerId,
                chargeId, invoiceId, quote.imCredits);
        if (order.automatic) autoRecharges.orderEnded(order);
    }

    /** The charge failed: the order fails with billing's reason and the subscription stays as it was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void paymentFailed(UUID orderId, String reason, String message) {
        LicenseOrder order = lockedOrder(orderId, "PaymentFailed");
        if (order == null) return;
        if (!order.pending()) {
            Log.infof("License update %s is already %s; PaymentFailed (%s) ignored", orderId, order.status, reason);
            return;
        }
        Instant now = clock.instant();
        order.fail(reason == null ? "DECLINED" : reason, message, now);
        Log.infof("License update %s failed for customer %s: %s", orderId, order.customerId, reason);
        if (order.kind == LicenseOrder.Kind.RENEWAL) renewals.attemptFailed(order, order.failureReason, now);
        if (order.automatic) autoRecharges.orderEnded(order);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void paymentRefunded(UUID orderId, String chargeId) {
        LicenseOrder order = lockedOrder(orderId, "PaymentRefunded");
        if (order == null) return;
        order.refund = LicenseOrder.Refund.REFUNDED;
        order.updatedAt = clock.instant();
        Log.infof("License update %s: charge %s refunded", orderId, chargeId);
    }

    @Scheduled(every = "${subscription.order-timeout-check}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void timeOutOverdueOrders() {
        timeOutPendingOrders(clock.instant());
    }

    /** Fails every order that has waited for its payment longer than the configured timeout, as of {@code now}. */
    @Transactional
    public int timeOutPendingOrders(Instant now) {
        List<LicenseOrder> overdue = LicenseOrder.lockPendingSince(now.minus(config.orderTimeout()), 100);
        for (LicenseOrder order : overdue) {
            order.fail(LicenseOrder.PAYMENT_TIMEOUT, "No payment result within " + config.orderTimeout().toMinutes() + " minutes", now);
            Log.warnf("License update %s for customer %s timed out waiting for its payment", order.id, order.customerId);
            // a renewal attempt that timed out is a failed attempt; the subscription's lock comes after the order's here, a
            // deadlock with a payment is broken by PostgreSQL and the job (or the consumer) tries again
            if (order.kind == LicenseOrder.Kind.RENEWAL) {
                Subscription.lockOf(order.customerId);
                renewals.attemptFailed(order, LicenseOrder.PAYMENT_TIMEOUT, now);
            }
            if (order.automatic) {
                Subscription.lockOf(order.customerId);
                autoRecharges.orderEnded(order);
            }
        }
        return overdue.size();
    }

    private void requestRefund(LicenseOrder order, String chargeId, Instant now) {
        if (order.refund != null) {
            Log.infof("License update %s: refund already %s; PaymentSucceeded (charge %s) ignored", order.id, order.refund, chargeId);
            return;
        }
        order.refund = LicenseOrder.Refund.REQUESTED;
        order.chargeId = chargeId;
        order.updatedAt = now;
        outbox.publish(order.partnerId, order.customerId, order.id,
                new RefundRequested(order.id, order.customerId, order.failureReason, chargeId));
        Log.warnf("License update %s is %s (%s) and charge %s paid for it: refund requested", order.id, order.status,
                order.failureReason, chargeId);
    }

    /** The order, locked after its customer's subscription (the one lock order used everywhere); null if unknown here. */
    private static LicenseOrder lockedOrder(UUID orderId, String eventType) {
        LicenseOrder order = LicenseOrder.findById(orderId);
        if (order == null) {
            Log.warnf("%s for order %s, which is not ours: ignored", eventType, orderId);
            return null;
        }
        Subscription.lockOf(order.customerId);
        LicenseOrder.getEntityManager().refresh(order, LockModeType.PESSIMISTIC_WRITE); // a payment and the timeout job never act on one order at once
        return order;
    }
}
