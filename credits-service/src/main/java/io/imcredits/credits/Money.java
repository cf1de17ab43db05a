package io.imcredits.credits;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount in a currency, kept exactly at four decimals (WhatsApp rates have four). Never floating point.
 * Written as the API and the events carry money, {"amount": "0.0305", "currency": "USD"}, those two keys only:
 * a helper added here must not look like a bean getter (isZero(), getX()), or Jackson and the OpenAPI document
 * write it too (see MoneyTest).
 */
public record Money(
        @Schema(type = SchemaType.STRING, examples = "0.0305") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @Schema(examples = "USD") String currency) {

    public static final int SCALE = 4;

    public Money {
        amount = scaled(amount);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Four decimals; a fifth decimal is refused rather than silently rounded away. */
    public static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot mix " + currency + " and " + other.currency);
        }
        return other;
    }
}
