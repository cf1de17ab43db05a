package io.imcredits.credits.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.credits.Accounts;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.groups.Default;

/** Money as a client sends it: {"amount": "5.00", "currency": "USD"}; the currency may be left out (the account's). */
public record MoneyInput(
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "5.00")
        @NotNull @Digits(integer = 15, fraction = 4, message = "must be a decimal with at most four decimals")
        @PositiveOrZero(groups = NotNegative.class, message = "must not be negative") BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. USD") String currency) {

    /** Validated with this group (@ConvertGroup), an amount that cannot be negative, such as a threshold. */
    public interface NotNegative extends Default {}

    /** Taken for money in the account's currency once the account is known (a currency other than its own: 422). */
    Accounts.Requested toRequested() {
        return new Accounts.Requested(amount, currency);
    }
}
