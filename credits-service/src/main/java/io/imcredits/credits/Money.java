package io.imcredits.credits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An exact amount in an ISO 4217 currency; never floating point. The same class, to the letter, in every
 * service (per-service plumbing, like the outbox). One rule for all of them:
 * <ul>
 * <li>inside the system an amount keeps up to {@value #MAX_SCALE} decimals (WhatsApp rates have four; the
 * databases keep numeric(19,4)); a fifth decimal is refused, never rounded away silently;</li>
 * <li>wherever money leaves the system (a quote's total, a card charge or refund, an invoice) it is rounded
 * once, half up, to the currency's minor unit: {@link #toMinorUnits()} or {@link #ofRatio}; what the rounding
 * adds or drops is the caller's to carry.</li>
 * </ul>
 * Written as the API and the events carry money, {"amount": "51.50", "currency": "USD"}: at least the minor
 * unit's digits, trailing zeros beyond it dropped. Those two keys only: a helper added here must not look like
 * a bean getter (isX(), getX()), or Jackson and the OpenAPI document write it too.
 */
public record Money(
        @Schema(type = SchemaType.STRING, examples = "51.50") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @Schema(examples = "USD") String currency) {

    public static final int MAX_SCALE = 4;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int minor = minorDigits(currency); // also refuses a code that is not ISO 4217
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE) {
            throw new IllegalArgumentException("More than " + MAX_SCALE + " decimals: " + amount.toPlainString());
        }
        amount = stripped.setScale(Math.max(minor, stripped.scale()));
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** numerator / divisor, rounded once, half up, to the currency's minor unit (never twice: no 4-decimal step). */
    public static Money ofRatio(BigDecimal numerator, BigDecimal divisor, String currency) {
        return new Money(numerator.divide(divisor, minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    public Money times(long count) {
        return new Money(amount.multiply(BigDecimal.valueOf(count)), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** -1, 0 or 1 as the amount is negative, zero or positive. */
    public int signum() {
        return amount.signum();
    }

    public boolean isLessThan(Money other) {
        return amount.compareTo(same(other).amount) < 0;
    }

    /** The same amount in the same currency ("51.5" and "51.50" are the same). */
    public boolean sameAs(Money other) {
        return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    /**
     * The rounding rule for money that leaves the system: half up to the currency's minor unit
     * (java.util.Currency's default fraction digits: 2 for USD and EUR, 0 for JPY). 0.0915 USD is 0.09, 0.605 USD
     * is 0.61.
     */
    public Money toMinorUnits() {
        return new Money(amount.setScale(minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    /** Whether the amount is a whole number of the currency's minor units, as a card gateway takes it. */
    public boolean inWholeMinorUnits() {
        return amount.scale() <= minorDigits(currency);
    }

    /** For the edges where money leaves: a fraction of a cent there is a bug, never rounded silently. */
    public Money requireWholeMinorUnits() {
        if (!inWholeMinorUnits()) {
            throw new IllegalArgumentException(this + " is not a whole number of " + currency + " minor units");
        }
        return this;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + other.currency + " with " + currency);
        }
        return other;
    }

    private static int minorDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()); // XAU and the like: -1
    }
}
