package io.imcredits.credits.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.imcredits.credits.LedgerExports;

/** The ledger as RFC 4180 CSV: one header line, then one line per entry; postpaid (last) is a debit's post-paid part. */
final class LedgerCsv {

    static final String HEADER = "createdAt,type,amount,balanceAfter,currency,reference,description,postpaid";

    private LedgerCsv() {}

    /** Writes the export line by line as the rows arrive: nothing but the writer's buffer is held. */
    static void write(LedgerExports.Export export, OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
        csv.write(HEADER + "\r\n");
        String currency = export.currency();
        export.writeTo(e -> csv.append(e.createdAt().toString()).append(',').append(e.type()).append(',')
                .append(e.amount().toPlainString()).append(',').append(e.balanceAfter().toPlainString()).append(',')
                .append(currency).append(',').append(cell(e.reference())).append(',').append(cell(e.description())).append(',')
                .append(e.postpaid().toPlainString()).append("\r\n"));
        csv.flush();
    }

    /**
     * A text cell (reference, description: ops and Desk write them): one a spreadsheet would run as a formula
     * (= + - @ tab CR first) gets a leading quote, and one with a comma, quote or line break is quoted. The same
     * rule and name as billing-service's UsageCsv.cell. Amounts are written by us as plain numbers, so a negative
     * one keeps its minus.
     */
    static String cell(String value) {
        if (value == null) return "";
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
