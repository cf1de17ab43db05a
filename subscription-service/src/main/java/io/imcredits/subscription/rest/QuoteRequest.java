package io.imcredits.subscription.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.subscription.QuotePricing;
import io.imcredits.subscription.Unprocessable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The changes the partner entered; anything left out stays as it is. */
@Schema(example = """
        {"planCode": "PROFESSIONAL", "agents": 8, "addOns": [{"code": "WHATSAPP_NUMBER", "quantity": 2}], "imCredits": 25}""")
public record QuoteRequest(
        @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be a plan code such as PROFESSIONAL") String planCode,
        @Positive @Max(100_000) Integer agents,
        // maxItems by hand: the OpenAPI scanner reads only @Size of the default group
        @Schema(description = "At most 20, each code once", maxItems = QuoteRequest.MAX_ADD_ONS)
        @Size(max = QuoteRequest.MAX_ADD_ONS, groups = SizesFirst.Sizes.class) List<@Valid @NotNull AddOnQuantity> addOns,
        @PositiveOrZero @Max(1_000_000) Integer imCredits) {

    /** The catalog has four add-ons, each listed once: 20 leaves room and bounds the work a quote can ask for. */
    static final int MAX_ADD_ONS = 20;

    public record AddOnQuantity(
            @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be an add-on code such as WHATSAPP_NUMBER") String code,
            @NotNull @PositiveOrZero @Max(100_000) Integer quantity) {}

    QuotePricing.Change toChange() {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (AddOnQuantity addOn : addOns == null ? List.<AddOnQuantity>of() : addOns) {
            if (quantities.put(addOn.code(), addOn.quantity()) != null) {
                throw new Unprocessable("addOns", "lists " + addOn.code() + " more than once");
            }
        }
        return new QuotePricing.Change(planCode, agents, quantities, imCredits);
    }
}
