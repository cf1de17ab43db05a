package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.imcredits.subscription.Money;
import io.imcredits.subscription.Quote;
import io.imcredits.subscription.QuotePricing;

/** A priced change: one line per change, how mid-period amounts were prorated, the fee, the total and when it expires. */
public record QuoteView(UUID id, UUID customerId, String planCode, Integer agents, Map<String, Integer> addOns, int imCredits,
        List<QuotePricing.Line> lines, QuotePricing.Proration proration, Money subtotal, Money fee, Money total,
        String currency, Money creditBalance, Instant createdAt, Instant expiresAt) {

    static QuoteView from(Quote q) {
        return new QuoteView(q.id, q.customerId, q.planCode, q.agents, q.addOns, q.imCredits, q.lines, q.proration, q.subtotal(),
                q.fee(), q.total(), q.currency, q.creditBalance(), q.createdAt, q.expiresAt);
    }
}
