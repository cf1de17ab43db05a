package io.imcredits.billing.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.billing.Invoice;
import io.imcredits.billing.InvoiceLine;
import io.imcredits.billing.Money;

/** taxRate: percent, null when none is configured for the billing country; the total includes tax. */
public record InvoiceView(UUID id, String number, UUID customerId, String customerName, String customerCountry,
        String payer, UUID payerId, String payerName, String billingCountry, UUID orderId, UUID chargeId,
        List<InvoiceLine> lines, Money subtotal, Money fee, BigDecimal taxRate, Money tax, Money total, String status,
        String cardBrand, String cardLast4, Instant periodStart, Instant periodEnd,
        Instant issuedAt, Instant paidAt, Instant refundedAt) {

    static InvoiceView from(Invoice i) {
        return new InvoiceView(i.id, i.number, i.customerId, i.customerName, i.customerCountry, i.payer.name(), i.payerId, i.payerName,
                i.billingCountry, i.orderId, i.chargeId, i.lines, i.money(i.subtotal), i.money(i.fee),
                i.taxRate == null ? null : i.taxRate.stripTrailingZeros(), i.money(i.tax), i.money(i.total), i.status.name(),
                i.cardBrand, i.cardLast4, i.periodStart, i.periodEnd, i.issuedAt, i.paidAt, i.refundedAt);
    }
}
