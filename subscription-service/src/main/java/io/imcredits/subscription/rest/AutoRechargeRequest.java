package io.imcredits.subscription.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.subscription.AutoRecharges;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Auto-recharge's settings: below threshold buy credits, at most monthlyMaxRecharges orders and monthlyMaxAmount a month
 * (one of them is required while enabled). Amounts are in the customer's currency (currency may be left out).
 */
@Schema(example = """
        {"enabled": true, "threshold": {"amount": "20.00", "currency": "USD"}, "credits": 100, "monthlyMaxRecharges": 5,
         "monthlyMaxAmount": {"amount": "1000.00", "currency": "USD"}}""")
public record AutoRechargeRequest(
        @NotNull Boolean enabled,
        @NotNull @Valid Amount threshold,
        @Schema(description = "IM credits one recharge buys: the same per-order range as a manual order (10..10000 by default)")
        @NotNull @Min(1) @Max(1_000_000) Integer credits,
        @Min(1) @Max(1000) Integer monthlyMaxRecharges,
        @Valid Amount monthlyMaxAmount) {

    /** Money as the client sends it: currency optional (the customer's). */
    public record Amount(
            @Schema(type = SchemaType.STRING, examples = "20.00")
            @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Schema(examples = "USD") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {}

    AutoRecharges.Change toChange() {
        return new AutoRecharges.Change(enabled, threshold.amount(), threshold.currency(), credits, monthlyMaxRecharges,
                monthlyMaxAmount == null ? null : monthlyMaxAmount.amount(), monthlyMaxAmount == null ? null : monthlyMaxAmount.currency());
    }
}
