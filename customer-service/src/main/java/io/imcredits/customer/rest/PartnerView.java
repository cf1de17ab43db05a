package io.imcredits.customer.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Partner;
import io.imcredits.customer.Partners.PartnerDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record PartnerView(UUID id, String name, String country, String currency) {

    static PartnerView from(Partner p) {
        return new PartnerView(p.id, p.name, p.country, p.currency);
    }

    /** What operations send to onboard a partner. */
    public record Request(
            @Schema(example = "Acme Resellers") @NotBlank @Size(max = 200) String name,
            @Schema(example = "GB") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country,
            @Schema(example = "USD") @NotBlank
            @Pattern(regexp = Partner.CURRENCIES, message = Partner.CURRENCIES_MESSAGE) String currency) {

        PartnerDetails toDetails() {
            return new PartnerDetails(name, country, currency);
        }
    }
}
