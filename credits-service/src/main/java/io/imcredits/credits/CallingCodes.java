package io.imcredits.credits;

import java.util.Map;
import java.util.Optional;

/** Reads the destination country from an E.164 number by its country calling code (longest prefix wins). */
public final class CallingCodes {

    // The countries the rate card prices on their own, and a few common neighbours; the rest get the default rate.
    private static final Map<String, String> COUNTRY_BY_CODE = Map.ofEntries(
            Map.entry("1", "US"), Map.entry("44", "GB"), Map.entry("49", "DE"), Map.entry("33", "FR"),
            Map.entry("39", "IT"), Map.entry("34", "ES"), Map.entry("91", "IN"), Map.entry("55", "BR"),
            Map.entry("52", "MX"), Map.entry("62", "ID"), Map.entry("966", "SA"), Map.entry("27", "ZA"),
            Map.entry("971", "AE"), Map.entry("31", "NL"), Map.entry("61", "AU"), Map.entry("65", "SG"),
            Map.entry("234", "NG"), Map.entry("20", "EG"), Map.entry("90", "TR"), Map.entry("7", "RU"));

    private CallingCodes() {
    }

    /** "+919876543210" is IN; a number whose code we do not know is empty. */
    public static Optional<String> country(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int length = 3; length >= 1; length--) {
            if (digits.length() > length) {
                String country = COUNTRY_BY_CODE.get(digits.substring(0, length));
                if (country != null) return Optional.of(country);
            }
        }
        return Optional.empty();
    }
}
