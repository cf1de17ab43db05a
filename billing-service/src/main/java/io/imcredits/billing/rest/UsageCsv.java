package io.imcredits.billing.rest;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.imcredits.billing.PostpaidUsage;

/** The per-message detail of a post-paid invoice as CSV (RFC 4180), safe to open in a spreadsheet. */
final class UsageCsv {

    static final String HEADER = "usage_id,message_id,recorded_at,country,category,amount,currency";

    private UsageCsv() {}

    static String render(List<PostpaidUsage> usage) {
        return Stream.concat(Stream.of(HEADER), usage.stream().map(u -> Stream.of(u.usageId.toString(), u.messageId,
                u.recordedAt.toString(), u.country, u.category, u.money().amount().toPlainString(), u.currency)
                .map(UsageCsv::cell).collect(Collectors.joining(","))))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /**
     * Message ids, countries and categories come from other services: a cell a spreadsheet would run as a
     * formula (= + - @ tab CR first) gets a leading quote, and a cell with a comma, quote or line break is quoted.
     */
    static String cell(String value) {
        if (value == null) return "";
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
