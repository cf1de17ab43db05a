package io.imcredits.credits.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.credits.Caller;
import io.imcredits.credits.MessagePricing;
import io.imcredits.credits.RateCard;
import io.imcredits.credits.RateCardEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** WhatsApp prices per destination country and category, with the day each takes effect. */
@Path("/api/rate-card")
public class RateCardResource {

    /** A new price from a day on; the current one stays in force until then. */
    public record RateRequest(
            @NotNull MessagePricing.Channel channel,
            @Schema(examples = "IN", description = "ISO 3166 alpha-2, or * for every country without its own rate")
            @NotNull @Pattern(regexp = "[A-Z]{2}|\\*", message = "must be an ISO 3166 alpha-2 country code or *") String country,
            @NotNull MessagePricing.Category category,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. USD") String currency,
            @Schema(examples = "0.0118") @NotNull @PositiveOrZero
            @Digits(integer = 15, fraction = 4, message = "must have at most four decimals") BigDecimal price,
            @Schema(examples = "2026-01-01T00:00:00Z", description = "within 10 years of today") @NotNull @WithinYears(10) Instant effectiveFrom) {

        RateCardEntry toEntry() {
            RateCardEntry entry = new RateCardEntry();
            entry.channel = channel;
            entry.country = country;
            entry.category = category;
            entry.currency = currency;
            entry.price = price;
            entry.effectiveFrom = effectiveFrom;
            return entry;
        }
    }

    private final RateCard rateCard;

    RateCardResource(RateCard rateCard) {
        this.rateCard = rateCard;
    }

    @GET
    @RolesAllowed({Caller.DESK, Caller.PARTNER, Caller.OPS})
    @Operation(summary = "Published rates, optionally for one channel, country and currency; * is the default for other countries")
    public List<Views.Rate> rates(@QueryParam("channel") MessagePricing.Channel channel,
            @QueryParam("country") @Pattern(regexp = "[A-Z]{2}|\\*", message = "must be an ISO 3166 alpha-2 country code") String country,
            @QueryParam("currency") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
        return rateCard.entries(channel, country, currency).stream().map(Views.Rate::from).toList();
    }

    @POST
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Ops: publish a rate that takes effect on its day")
    public RestResponse<Views.Rate> publish(@Valid @NotNull(message = "a JSON body is required") RateRequest request) {
        RateCardEntry entry = rateCard.publish(request.toEntry());
        return RestResponse.ResponseBuilder.<Views.Rate>created(URI.create("/api/rate-card?country=" + entry.country.replace("*", "%2A")))
                .entity(Views.Rate.from(entry)).build();
    }
}
