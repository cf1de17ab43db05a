package io.imcredits.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;

import io.imcredits.billing.Charges.ChargeRequested;
import io.imcredits.billing.PublishedEvents.CardRemoved;
import io.imcredits.billing.PublishedEvents.CardUpdated;
import io.imcredits.billing.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

/** Change Card and Remove Card: the number goes to the gateway once and only its token is kept. */
@ApplicationScoped
public class Cards {

    /** Card details as entered; toString never shows the number or the CVC. */
    public record NewCard(String number, int expMonth, int expYear, String cvc, String holderName, String billingCountry) {
        @Override
        public String toString() {
            return "NewCard[number=****, expMonth=" + expMonth + ", expYear=" + expYear + ", cvc=***]";
        }
    }

    /** A token no longer on file: detached at the gateway once the change has committed. */
    record TokenReleased(String token) {}

    private final PaymentGateway gateway;
    private final Outbox outbox;
    private final Event<TokenReleased> released;
    private final Event<ChargeRequested> chargeRequested;
    private final Clock clock;

    Cards(PaymentGateway gateway, Outbox outbox, Event<TokenReleased> released, Event<ChargeRequested> chargeRequested, Clock clock) {
        this.gateway = gateway;
        this.outbox = outbox;
        this.released = released;
        this.chargeRequested = chargeRequested;
        this.clock = clock;
    }

    /** Puts a partner's card on a customer (a reseller card: the partner pays and receives the invoices). */
    @Transactional
    public Card change(Caller caller, UUID customerId, NewCard details) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        CardNumber number = CardNumber.parse(details.number());
        number.requireCvcFits(details.cvc());
        CardNumber.requireNotExpired(details.expMonth(), details.expYear(), YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        String token = gateway.tokenize(number, details.expMonth(), details.expYear(), details.cvc(), details.holderName());
        verifyIfAddOnsNeedIt(customerId, token, number);

        Card card = Card.<Card>findByIdOptional(customerId).orElseGet(Card::new);
        if (card.gatewayToken != null) released.fire(new TokenReleased(card.gatewayToken));
        card.customerId = customerId;
        card.gatewayToken = token;
        card.brand = number.brand().name();
        card.last4 = number.last4();
        card.expMonth = details.expMonth();
        card.expYear = details.expYear();
        card.holderName = details.holderName();
        card.billingCountry = details.billingCountry();
        card.payer = Card.Payer.PARTNER;
        card.payerId = caller.requirePartner();
        card.updatedAt = Instant.now(clock);
        card.persist();
        outbox.publish(owner.partnerId, customerId, UUID.randomUUID(),
                new CardUpdated(customerId, card.brand, card.last4, card.expMonth, card.expYear, card.payer.name()));
        Log.infof("Card %s put on customer %s by partner %s", number, customerId, card.payerId);
        // the partner acted on a failed post-paid charge: try the new card now, not at the schedule's next retry
        int due = Charge.retryNow(customerId, card.updatedAt);
        if (due > 0) {
            Log.infof("Customer %s: %d failed post-paid charges retried now with the new card", customerId, due);
            chargeRequested.fire(new ChargeRequested(null));
        }
        return card;
    }

    /**
     * While post-paid or standard add-ons bill to the card after use, a card that would decline is refused before
     * it replaces the one on file (a zero-amount authorization); the refused token is detached at once.
     */
    private void verifyIfAddOnsNeedIt(UUID customerId, String token, CardNumber number) {
        if (ActiveAddOn.billingToCard(customerId).isEmpty()) return;
        PaymentGateway.ChargeResult answer;
        try {
            answer = gateway.authorize(token);
        } catch (RuntimeException e) {
            detachRefused(token);
            throw e;
        }
        if (answer.succeeded()) return;
        detachRefused(token);
        Log.infof("Card %s refused for customer %s: the gateway did not authorize it (%s) and add-ons bill to the card",
                number, customerId, answer.outcome());
        throw new CardDeclined(answer.outcome().name(), answer.message());
    }

    private void detachRefused(String token) {
        try {
            gateway.detach(token);
        } catch (RuntimeException e) {
            Log.warnf("Could not detach a refused card token at the gateway: %s", e.getMessage());
        }
    }

    public Card get(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        return Card.<Card>findByIdOptional(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no card on file"));
    }

    /** Refused while post-paid or standard add-ons would have nothing to charge. */
    @Transactional
    public void remove(Caller caller, UUID customerId) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        Card card = Card.<Card>findByIdOptional(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no card on file"));
        var needingCard = ActiveAddOn.billingToCard(customerId);
        if (!needingCard.isEmpty()) {
            String codes = needingCard.stream().map(addOn -> addOn.code + " (" + addOn.kind + ")").collect(Collectors.joining(", "));
            Log.infof("Refused to remove the card of customer %s: add-ons %s bill to it", customerId, codes);
            throw new Conflict("The card cannot be removed: the subscription's add-ons " + codes
                    + " are charged to it after use. Remove those add-ons first, or put another card on with Change Card.");
        }
        card.delete();
        released.fire(new TokenReleased(card.gatewayToken));
        outbox.publish(owner.partnerId, customerId, UUID.randomUUID(), new CardRemoved(customerId));
        Log.infof("Card removed from customer %s", customerId);
    }

    void detachAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenReleased released) {
        try {
            gateway.detach(released.token());
        } catch (RuntimeException e) {
            // the token is no longer on file, so it is never charged; the gateway keeps a card we no longer use
            Log.warnf("Could not detach an old card token at the gateway: %s", e.getMessage());
        }
    }
}
