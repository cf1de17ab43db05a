package io.imcredits.subscription;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An exact amount in one currency, always at the currency's minor unit (2 decimals for USD, 0 for JPY).
 * Every rounding in this service happens here: once, half-up. Written as the API and the events carry money:
 * {"amount": "51.50", "currency": "USD"}, those two keys only (a helper added here must not look like a bean
 * getter, isZero() or getX(), or Jackson and the OpenAPI document write it too: see QuoteTest and OpenApiTest).
 */
public record Money(
        @Schema(type = SchemaType.STRING, example = "51.50") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @Schema(example = "USD") String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /** The exact value rounded half-up to the currency's minor unit. */
    public static Money of(BigDecimal exact, String currency) {
        return new Money(exact.setScale(minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    /** numerator / divisor, rounded once, half-up, to the currency's minor unit. */
    public static Money ofRatio(BigDecimal numerator, long divisor, String currency) {
        return new Money(numerator.divide(BigDecimal.valueOf(divisor), minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    public static Money zero(String currency) {
        return of(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }

    /** The same amount in the same currency, whatever the scale ("51.5" equals "51.50"). */
    public boolean sameAs(Money other) {
        return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    private static int minorDigits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0); // pseudo-currencies (XAU) report -1
    }
}
