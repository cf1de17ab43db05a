package io.imcredits.customer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Deal;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Operations' decision on a submitted deal. */
public record DecisionRequest(
        @Schema(example = "APPROVED")
        @NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "must be APPROVED or REJECTED") String decision,
        @Schema(example = "Volume pricing agreed with the partner manager") @NotBlank @Size(max = 500) String reason) {

    Deal.Status status() {
        return Deal.Status.valueOf(decision);
    }
}
