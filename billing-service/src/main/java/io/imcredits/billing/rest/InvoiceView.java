package io.imcredits.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.billing.Invoice;
import io.imcredits.billing.InvoiceLine;
import io.imcredits.billing.Money;

public record InvoiceView(UUID id, String number, UUID customerId, String payer, UUID payerId, UUID orderId, UUID chargeId,
                          List<InvoiceLine> lines, Money subtotal, Money fee, Money total, String status,
                          String cardBrand, String cardLast4, Instant issuedAt, Instant paidAt, Instant refundedAt) {

    static InvoiceView from(Invoice i) {
        return new InvoiceView(i.id, i.number, i.customerId, i.payer.name(), i.payerId, i.orderId, i.chargeId, i.lines,
                i.money(i.subtotal), i.money(i.fee), i.money(i.total), i.status.name(), i.cardBrand, i.cardLast4,
                i.issuedAt, i.paidAt, i.refundedAt);
    }
}
