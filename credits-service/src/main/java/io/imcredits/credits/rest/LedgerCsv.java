package io.imcredits.credits.rest;

import io.imcredits.credits.Accounts.Statement;
import io.imcredits.credits.LedgerEntry;

/** The ledger as RFC 4180 CSV: one header line, then one line per entry; postpaid (last) is a debit's post-paid part. */
final class LedgerCsv {

    private LedgerCsv() {
    }

    static String write(Statement statement) {
        StringBuilder csv = new StringBuilder("createdAt,type,amount,balanceAfter,currency,reference,description,postpaid\r\n");
        for (LedgerEntry e : statement.entries().items()) {
            csv.append(e.createdAt).append(',').append(e.type).append(',').append(e.amount.toPlainString()).append(',')
                    .append(e.balanceAfter.toPlainString()).append(',').append(statement.currency()).append(',')
                    .append(quoted(e.reference)).append(',').append(quoted(e.description)).append(',')
                    .append(e.postpaid.toPlainString()).append("\r\n");
        }
        return csv.toString();
    }

    private static String quoted(String value) {
        if (value == null) return "";
        // a leading = + - @ would run as a formula in a spreadsheet
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
