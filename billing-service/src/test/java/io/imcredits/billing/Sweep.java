package io.imcredits.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.response.Response;

/** The hostile values of the bad-input sweep and the rule every answer to them must follow. */
final class Sweep {

    static final List<String> HOSTILE_PARAMETERS = List.of(
            "abc", "-1", "0", "99999999999999999999", "1.5", "", "%00", "x%27%3B%20DROP%20TABLE%20outbox%3B--",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%F0%9F%98%80%E2%80%AE", "x".repeat(2_000));
    static final List<String> HOSTILE_IDS = List.of("not-a-uuid", "1", "%00", "x%27%20OR%20%271%27%3D%271", "00000000-0000-0000-0000-00000000000g");

    /** Dates no calendar of ours reaches: Java parses some of them, PostgreSQL stores none (year 5874897 at most). */
    static final List<String> FAR_DATES = List.of("+1000000000-12-31", "+300000000-01-01", "-999999999-01-01");
    /** Dates at the edges of the four-digit years: odd, yet they must never be a 500. */
    static final List<String> EDGE_DATES = List.of("0000-01-01", "9999-12-31");

    /** A value of a query parameter and whether it must be refused. */
    record Extreme(String value, boolean mustRefuse) {}

    private Sweep() {}

    /**
     * The extremes a parameter's schema invites: a whole number at the int and long limits and just past its
     * declared maximum; a date a billion years away (refused) or at the edge of year 9999.
     */
    static List<Extreme> extremes(ApiDoc.Param param) {
        List<Extreme> extremes = new ArrayList<>();
        if (param.isInteger()) {
            long limit = param.maximum() == null ? Long.MAX_VALUE : param.maximum();
            boolean int32 = "int32".equals(param.format());
            for (long value : List.of((long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)) {
                boolean refuse = value > limit || value < 0 && param.name().matches("page|size")
                        || int32 && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE);
                extremes.add(new Extreme(String.valueOf(value), refuse));
            }
            if (param.maximum() != null) extremes.add(new Extreme(String.valueOf(param.maximum() + 1), true));
        }
        if (param.isDate()) {
            boolean timestamp = !"date".equals(param.format());
            for (String date : FAR_DATES) extremes.add(new Extreme(encode(timestamp ? date + "T23:59:59Z" : date), true));
            for (String date : EDGE_DATES) extremes.add(new Extreme(encode(timestamp ? date + "T00:00:00Z" : date), false));
        }
        return extremes;
    }

    /** A leading + in a query string is a space. */
    private static String encode(String value) {
        return value.replace("+", "%2B");
    }

    /**
     * Null when the answer is acceptable: never a 5xx; a 4xx is problem details with a detail, and a 400
     * names the field; a case that must be refused is a 4xx.
     */
    static String check(Response response, boolean mustRefuse, String field) {
        int status = response.statusCode();
        String text = response.asString();
        if (status >= 500) return "answered " + status + ": " + shorten(text);
        if (mustRefuse && status < 400) return "accepted (" + status + "): " + shorten(text);
        if (status < 400) return null;
        if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            return "answered " + status + " as " + response.contentType() + ", not problem details: " + shorten(text);
        }
        String detail = detail(text);
        if (detail == null || detail.isBlank()) return "answered " + status + " without a detail";
        if (status == 400 && field != null && !detail.contains(field.strip())) return "the detail does not name " + field + ": " + shorten(detail);
        return null;
    }

    /** Jackson, not REST Assured's JsonPath: the sweep reads hundreds of answers. */
    static String detail(String problem) {
        try {
            return BadBodies.JSON.readTree(problem).path("detail").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A digest of every row the sweep could touch, e.g. {"quote.customer_id": id}: equal before and after
     * a refused request means it wrote nothing (the outbox included, so it emitted nothing either).
     */
    static String footprint(DataSource db, Map<String, ?> rowsByColumn) throws Exception {
        StringBuilder digest = new StringBuilder();
        try (Connection connection = db.getConnection()) {
            for (var rows : new java.util.TreeMap<>(rowsByColumn).entrySet()) {
                String[] tableColumn = rows.getKey().split("\\.");
                // The relay stamps sent_at on outbox rows after the fact: what counts there is which events exist.
                String rowText = tableColumn[0].equals("outbox") ? "t.event_id::text" : "t::text";
                try (PreparedStatement query = connection.prepareStatement("select md5(coalesce(string_agg(" + rowText + ", '|' order by " + rowText
                        + "), '')) from " + tableColumn[0] + " t where t." + tableColumn[1] + " = ?")) {
                    query.setObject(1, rows.getValue());
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        digest.append(tableColumn[0]).append('=').append(row.getString(1)).append(' ');
                    }
                }
            }
        }
        return digest.toString();
    }

    static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
