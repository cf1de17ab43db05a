package io.imcredits.billing.rest;

import java.time.Instant;

import io.imcredits.billing.Card;

/** The card on file, masked: what the portal shows under Change Card. */
public record CardView(String brand, String last4, int expMonth, int expYear, String holderName, String billingCountry,
        String payer, Instant updatedAt) {

    static CardView from(Card card) {
        return new CardView(card.brand, card.last4, card.expMonth, card.expYear, card.holderName, card.billingCountry,
                card.payer.name(), card.updatedAt);
    }
}
