package io.imcredits.billing.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.billing.Cards.NewCard;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Change Card as the portal sends it. The number and CVC pass through to the gateway and are never kept or shown. */
public record CardRequest(
        @Schema(example = "4242 4242 4242 4242") @NotBlank @Size(max = 30) String number,
        @Schema(example = "12") @NotNull @Min(1) @Max(12) Integer expMonth,
        @Schema(example = "2030") @NotNull @Min(2000) @Max(2100) Integer expYear,
        @Schema(example = "123") @NotBlank @Pattern(regexp = "[0-9]{3,4}", message = "must be the 3 or 4 digits on the card") String cvc,
        @Schema(example = "Ann Lee") @NotBlank @Size(max = 200) String holderName,
        @Schema(example = "GB") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. GB") String billingCountry) {

    NewCard toNewCard() {
        return new NewCard(number, expMonth, expYear, cvc, holderName, billingCountry);
    }

    @Override
    public String toString() {
        return "CardRequest[number=****, cvc=***]";
    }
}
