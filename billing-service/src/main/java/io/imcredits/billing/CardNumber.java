package io.imcredits.billing;

import java.time.YearMonth;

/**
 * The checks a card number passes before it reaches the gateway: digits only, the brand's length,
 * the Luhn check digit, and an expiry that is not in the past (the current month is still valid).
 * The digits stay in this object; only the brand and the last four ever leave it.
 */
public final class CardNumber {

    public enum Brand {
        VISA, MASTERCARD, AMEX, DISCOVER
    }

    private final String digits;
    private final Brand brand;

    private CardNumber(String digits, Brand brand) {
        this.digits = digits;
        this.brand = brand;
    }

    /** Spaces and dashes (as printed on the card) are allowed and dropped. */
    public static CardNumber parse(String number) {
        String digits = number == null ? "" : number.replaceAll("[ -]", "");
        if (!digits.matches("[0-9]{12,19}")) {
            throw new InvalidCard("number", "must be 12 to 19 digits (spaces and dashes allowed)");
        }
        Brand brand = brandOf(digits);
        if (brand == null) {
            throw new InvalidCard("number", "is not a Visa, Mastercard, American Express or Discover card number");
        }
        if (!lengthFits(brand, digits.length())) {
            throw new InvalidCard("number", "has the wrong number of digits for a " + brand + " card");
        }
        if (!luhn(digits)) {
            throw new InvalidCard("number", "is not a valid card number (check digit does not match); check for a typo");
        }
        return new CardNumber(digits, brand);
    }

    static Brand brandOf(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        int three = Integer.parseInt(digits.substring(0, 3));
        if (digits.startsWith("4")) return Brand.VISA;
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return Brand.MASTERCARD;
        if (two == 34 || two == 37) return Brand.AMEX;
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) return Brand.DISCOVER;
        return null;
    }

    private static boolean lengthFits(Brand brand, int length) {
        return switch (brand) {
            case VISA -> length == 13 || length == 16 || length == 19;
            case MASTERCARD -> length == 16;
            case AMEX -> length == 15;
            case DISCOVER -> length >= 16 && length <= 19;
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** A card is valid through the last day of its expiry month. */
    public static void requireNotExpired(int expMonth, int expYear, YearMonth now) {
        if (YearMonth.of(expYear, expMonth).isBefore(now)) {
            throw new InvalidCard("expYear", "the card expired at the end of " + YearMonth.of(expYear, expMonth) + "; use a current card");
        }
    }

    /** American Express has a four-digit security code, the others three. */
    public void requireCvcFits(String cvc) {
        int expected = brand == Brand.AMEX ? 4 : 3;
        if (cvc == null || !cvc.matches("[0-9]{" + expected + "}")) {
            throw new InvalidCard("cvc", "must be " + expected + " digits for a " + brand + " card");
        }
    }

    public Brand brand() {
        return brand;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** Only for the gateway port: the one place the full number goes. */
    public String digits() {
        return digits;
    }

    @Override
    public String toString() {
        return brand + " ending " + last4();
    }
}
