package io.imcredits.billing.rest;

import java.util.stream.Collectors;

import io.imcredits.billing.Invoice;
import io.imcredits.billing.InvoiceLine;

/** The printable page of an invoice: plain HTML with print styles, every value escaped. */
final class InvoiceHtml {

    private InvoiceHtml() {
    }

    static String render(Invoice invoice) {
        InvoiceView view = InvoiceView.from(invoice);
        String rows = invoice.lines.stream().map(InvoiceHtml::row).collect(Collectors.joining("\n"));
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Invoice %s</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%%}
                td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left}.n{text-align:right}
                @media print{button{display:none}}</style></head>
                <body>
                <h1>Invoice %s</h1>
                <p>Issued %s &middot; Status: <strong>%s</strong>%s</p>
                <p>Bill to: %s %s &middot; Customer %s%s</p>
                <table><thead><tr><th>Item</th><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead>
                <tbody>
                %s
                </tbody>
                <tfoot>
                <tr><td colspan="4" class="n">Subtotal</td><td class="n">%s</td></tr>
                <tr><td colspan="4" class="n">Fee</td><td class="n">%s</td></tr>
                <tr><td colspan="4" class="n"><strong>Total</strong></td><td class="n"><strong>%s</strong></td></tr>
                </tfoot></table>
                <p>Paid by %s</p>
                <button onclick="window.print()">Print</button>
                </body></html>
                """.formatted(e(view.number()), e(view.number()), view.issuedAt(), e(view.status()),
                view.paidAt() == null ? "" : ", paid " + view.paidAt(),
                e(view.payer()), view.payerId(), view.customerId(), view.orderId() == null ? "" : " &middot; Order " + view.orderId(),
                rows, e(view.subtotal().toString()), e(view.fee().toString()), e(view.total().toString()),
                view.cardBrand() == null ? "card" : e(view.cardBrand()) + " ending " + e(view.cardLast4()));
    }

    private static String row(InvoiceLine line) {
        return "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>".formatted(
                e(line.code()), e(line.description()), line.quantity() == null ? "" : line.quantity().toPlainString(),
                line.unitPrice() == null ? "" : e(line.unitPrice().toString()), line.amount() == null ? "" : e(line.amount().toString()));
    }

    /** Line descriptions come from other services: never trusted as markup. */
    private static String e(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
