package io.imcredits.customer.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Money;
import io.imcredits.customer.Partner;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Money as a client sends it: {"amount": "250000.00", "currency": "USD"}. */
public record MoneyRequest(
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "250000.00")
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 15, fraction = 4, message = "must have at most 15 digits and 4 decimals") BigDecimal amount,
        @Schema(example = "USD")
        @NotNull @Pattern(regexp = Partner.CURRENCIES, message = Partner.CURRENCIES_MESSAGE) String currency) {

    Money toMoney() {
        return new Money(amount, currency);
    }
}
