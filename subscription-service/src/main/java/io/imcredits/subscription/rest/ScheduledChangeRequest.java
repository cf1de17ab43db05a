package io.imcredits.subscription.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.subscription.BillingPeriod;
import io.imcredits.subscription.Subscriptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A downgrade (any of planCode, agents, billingCycle, removeAddOns) or, alone, cancel: true; for the period end. */
@Schema(example = """
        {"planCode": "STANDARD", "agents": 3, "removeAddOns": ["WHATSAPP_NUMBER"]}""")
public record ScheduledChangeRequest(
        @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be a plan code such as STANDARD") String planCode,
        @Positive @Max(100_000) Integer agents,
        BillingPeriod.Cycle billingCycle,
        @Schema(description = "Add-on codes to remove at the period end; at most 20", maxItems = ScheduledChangeRequest.MAX_ADD_ONS)
        @Size(max = ScheduledChangeRequest.MAX_ADD_ONS,
                groups = SizesFirst.Sizes.class) List<@NotBlank @Pattern(regexp = "[A-Z0-9_]{2,50}",
                        message = "must be an add-on code such as WHATSAPP_NUMBER") String> removeAddOns,
        Boolean cancel) {

    static final int MAX_ADD_ONS = 20;

    Subscriptions.ScheduledChange toChange() {
        return new Subscriptions.ScheduledChange(planCode, agents, billingCycle, removeAddOns, Boolean.TRUE.equals(cancel));
    }
}
