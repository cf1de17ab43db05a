package io.imcredits.billing.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import io.imcredits.billing.BillingConfig;
import io.imcredits.billing.Invoice;
import io.imcredits.billing.InvoiceLine;

/**
 * The printable page of an invoice, one layout for every kind (purchase, renewal, post-paid): seller,
 * payer, customer, dates a person reads, service period, lines and the tax the total includes. Every
 * value is escaped, and the page is well-formed XHTML so that the same text renders as the PDF.
 */
final class InvoiceHtml {

    /** "29 Nov 2026", in UTC as every time in this service. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private InvoiceHtml() {}

    /** seller: the configured one, for invoices issued before the seller was kept on each invoice. */
    static String render(Invoice invoice, BillingConfig.Seller seller) {
        InvoiceView view = InvoiceView.from(invoice);
        String rows = invoice.lines.stream().map(InvoiceHtml::row).collect(Collectors.joining("\n"));
        String tax = view.taxRate() == null ? "" : """
                <tr><td colspan="4" class="n">Total excluding tax</td><td class="n">%s</td></tr>
                <tr><td colspan="4" class="n">Tax %s%% (%s)</td><td class="n">%s</td></tr>
                """.formatted(e(view.total().minus(view.tax()).toString()), view.taxRate().toPlainString(), e(view.billingCountry()),
                e(view.tax().toString()));
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"/><title>Invoice %s</title>
                <style>@page{size:A4;margin:2cm}body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%%}
                td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}.n{text-align:right}
                .parties td{border:none;width:33%%}</style></head>
                <body>
                <h1>Invoice %s</h1>
                <table class="parties"><tr>
                <td><strong>From</strong><br/>%s<br/>%s<br/>Tax ID: %s<br/>%s</td>
                <td><strong>Bill to</strong><br/>%s<br/>Billing country: %s</td>
                <td><strong>Customer</strong><br/>%s<br/>Country: %s</td>
                </tr></table>
                <p>Invoice date: %s &#183; Status: <strong>%s</strong>%s%s</p>
                %s%s<table><thead><tr><th>Item</th><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead>
                <tbody>
                %s
                </tbody>
                <tfoot>
                <tr><td colspan="4" class="n">Subtotal</td><td class="n">%s</td></tr>
                <tr><td colspan="4" class="n">Fee</td><td class="n">%s</td></tr>
                %s<tr><td colspan="4" class="n"><strong>Total</strong></td><td class="n"><strong>%s</strong></td></tr>
                </tfoot></table>
                <p>Paid by %s</p>
                </body></html>
                """
                .formatted(e(view.number()), e(view.number()),
                        e(or(invoice.sellerName, seller.name())), e(or(invoice.sellerAddress, seller.address())),
                        e(or(invoice.sellerTaxId, seller.taxId())), e(or(invoice.sellerEmail, seller.email())),
                        e(view.payerName()), or(view.billingCountry()), e(view.customerName()), or(view.customerCountry()),
                        date(view.issuedAt()), e(view.status()), view.paidAt() == null ? "" : " &#183; Paid " + date(view.paidAt()),
                        view.refundedAt() == null ? "" : " &#183; Refunded " + date(view.refundedAt()),
                        view.periodStart() == null ? "" : "<p>Service period: " + period(view.periodStart(), view.periodEnd()) + "</p>\n",
                        view.orderId() == null ? "" : "<p>Order " + view.orderId() + "</p>\n",
                        rows, e(view.subtotal().toString()), e(view.fee().toString()), tax, e(view.total().toString()),
                        view.cardBrand() == null ? "card" : e(view.cardBrand()) + " ending " + e(view.cardLast4()));
    }

    /** The end is exclusive (the next period's start): the last day shown is the one before it. */
    static String period(Instant start, Instant end) {
        return date(start) + " &#8211; " + date(end.minusNanos(1));
    }

    private static String date(Instant time) {
        return DATE.format(time);
    }

    private static String row(InvoiceLine line) {
        return "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>".formatted(
                e(line.code()), e(line.description()), line.quantity() == null ? "" : line.quantity().toPlainString(),
                line.unitPrice() == null ? "" : e(line.unitPrice().toString()), line.amount() == null ? "" : e(line.amount().toString()));
    }

    private static String or(String kept, String fallback) {
        return kept != null ? kept : fallback;
    }

    private static String or(String text) {
        return text == null ? "not known" : e(text);
    }

    /** Names and line descriptions come from other services: never trusted as markup. */
    private static String e(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
