package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.LicenseOrder;
import io.imcredits.subscription.Money;
import io.imcredits.subscription.QuotePricing;

/** A license-update order and where the saga has got to. kind: PURCHASE (a confirmed quote) or RENEWAL (attempt n of a period);
 * automatic: a PURCHASE auto-recharge made. */
public record OrderView(UUID id, UUID customerId, UUID quoteId, String status, String failureReason, String failureMessage,
        List<QuotePricing.Line> lines, Money subtotal, Money fee, Money total, int imCredits, String chargeId,
        String invoiceId, String refund, Instant createdAt, Instant updatedAt, String kind, Integer attempt, boolean automatic) {

    static OrderView from(LicenseOrder o) {
        return new OrderView(o.id, o.customerId, o.quote.id, o.status.name(), o.failureReason, o.failureMessage, o.quote.lines,
                o.quote.subtotal(), o.quote.fee(), o.quote.total(), o.quote.imCredits, o.chargeId, o.invoiceId,
                o.refund == null ? null : o.refund.name(), o.createdAt, o.updatedAt, o.kind.name(), o.attempt, o.automatic);
    }
}
