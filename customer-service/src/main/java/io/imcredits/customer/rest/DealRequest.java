package io.imcredits.customer.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Deal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Manage → Large Deal: the partner's estimate of a future deal. */
public record DealRequest(
        @Schema(example = "ENTERPRISE")
        @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be a plan code such as ENTERPRISE") String planCode,
        @Schema(example = "250") @NotNull @Positive @Max(100_000) Integer agents,
        @Schema(description = "IM credits the customer is expected to buy", example = "500000")
        @NotNull @PositiveOrZero @Max(1_000_000_000_000L) Long imCredits,
        @NotNull @Valid MoneyRequest estimatedValue,
        @Schema(description = "After today and at most 10 years ahead", example = "2027-03-31")
        @NotNull @Future(message = "must be a date in the future") @WithinYears(10) LocalDate expectedCloseDate,
        @Schema(example = "Rollout to three regional support centres in Q1") @Size(max = 2000) String notes) {

    Deal.Estimate toEstimate() {
        return new Deal.Estimate(planCode, agents, imCredits, estimatedValue.toMoney(), expectedCloseDate, notes);
    }
}
