package io.imcredits.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An exact amount in a currency, written as {"amount": "51.50", "currency": "USD"}. Never floating point.
 * Inside the service an amount may carry up to four decimals (WhatsApp rates); whatever leaves it (a
 * gateway charge or refund, an invoice total) is rounded by {@link #toMinorUnits()}: the one rounding rule.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public Money {
        // at least cents, up to the four decimals WhatsApp rates use
        amount = amount.setScale(Math.min(4, Math.max(2, amount.stripTrailingZeros().scale())), RoundingMode.HALF_EVEN);
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long count) {
        return new Money(amount.multiply(BigDecimal.valueOf(count)), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isLessThan(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) < 0;
    }

    /**
     * The rounding rule for money that leaves the system: half up to the currency's minor unit
     * (java.util.Currency's default fraction digits: 2 for USD and EUR, 0 for JPY). 0.0915 USD is 0.09,
     * 0.605 USD is 0.61. What rounding adds or drops is the caller's to carry (post-paid: to the next period).
     */
    public Money toMinorUnits() {
        return new Money(amount.setScale(minorDigits(), RoundingMode.HALF_UP), currency);
    }

    /**
     * The tax contained in this amount, which includes it at the rate in percent: amount × rate / (100 + rate),
     * half up to the minor unit as {@link #toMinorUnits()} rounds.
     */
    public Money taxIncluded(BigDecimal ratePercent) {
        BigDecimal gross = BigDecimal.valueOf(100).add(ratePercent);
        return new Money(amount.multiply(ratePercent).divide(gross, minorDigits(), RoundingMode.HALF_UP), currency);
    }

    /** Whether the amount is a whole number of the currency's minor units, as a gateway takes it. */
    @JsonIgnore
    public boolean isWholeMinorUnits() {
        return amount.stripTrailingZeros().scale() <= minorDigits();
    }

    /** For the edges where money leaves: a fraction of a cent there is a bug, never rounded silently. */
    public Money requireWholeMinorUnits() {
        if (!isWholeMinorUnits()) {
            throw new IllegalArgumentException(this + " is not a whole number of " + currency + " minor units");
        }
        return this;
    }

    private int minorDigits() {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + other.currency + " with " + currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
