package io.imcredits.credits.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.credits.CallingCodes;
import io.imcredits.credits.MessagePricing;
import io.imcredits.credits.Spend;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One WhatsApp message to pay for (a debit) or to reserve (a hold). */
public record SpendRequest(
        @Schema(examples = "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSQ0Y") @NotBlank @Size(max = 200) String messageId,
        @Schema(examples = "WHATSAPP") @NotNull MessagePricing.Channel channel,
        @Schema(examples = "IN", description = "the destination; with to, it must be the number's country (else 422)")
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. IN") String country,
        @Schema(examples = "+919876543210") @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number, e.g. +919876543210") String to,
        @Schema(examples = "MARKETING") @NotNull MessagePricing.Category category,
        @Schema(examples = "NONE", description = "NONE (default), CUSTOMER_SERVICE or FREE_ENTRY_POINT") MessagePricing.Window window) {

    @AssertTrue(message = "give the destination as country or as to (an E.164 number)")
    @Schema(hidden = true)
    public boolean isDestination() {
        return country != null || to != null;
    }

    /** The number, when given, decides the country (parsed once, in memory): a country that disagrees is refused (422). */
    Spend toSpend() {
        String destination = CallingCodes.destination(country, to);
        return new Spend(messageId, new MessagePricing.Message(channel, destination, category, window == null ? MessagePricing.Window.NONE : window));
    }
}
