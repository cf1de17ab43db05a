package io.imcredits.subscription.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.Quote;
import io.imcredits.subscription.Subscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/customers/{id}")
public class SubscriptionResource {

    private final Subscriptions subscriptions;
    private final JsonWebToken jwt;

    SubscriptionResource(Subscriptions subscriptions, JsonWebToken jwt) {
        this.subscriptions = subscriptions;
        this.jwt = jwt;
    }

    @GET
    @Path("/subscription")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(
            summary = "A customer's plan, billing cycle, agent licenses, add-ons, status, current period and renewal date; another partner's customer is 404",
            description = "cardOnFile is informative: whether billing-service last reported a card (it may lag a Change Card by a "
                    + "moment). A confirm is never refused on it; billing checks the card when it charges.")
    public SubscriptionView subscription(@PathParam("id") UUID id) {
        return SubscriptionView.from(subscriptions.get(Caller.of(jwt), id));
    }

    @POST
    @Path("/quotes")
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Price a plan upgrade, more agents, add-ons and IM credits (re-check the values); valid for 15 minutes",
            description = "One line per change; a mid-period change is prorated by the days left in the period. "
                    + "A downgrade, an unknown plan or add-on, a quantity out of range or a quote that changes nothing is 422.")
    public RestResponse<QuoteView> quote(@PathParam("id") UUID id, @Valid @ConvertGroup(to = SizesFirst.class)
    @NotNull(message = "a JSON body is required") QuoteRequest request) {
        Quote quote = subscriptions.quote(Caller.of(jwt), id, request.toChange());
        return RestResponse.ResponseBuilder.<QuoteView>created(URI.create("/api/customers/" + id + "/quotes/" + quote.id))
                .entity(QuoteView.from(quote)).build();
    }

    @GET
    @Path("/quotes/{quoteId}")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A quote of this customer")
    public QuoteView quote(@PathParam("id") UUID id, @PathParam("quoteId") UUID quoteId) {
        return QuoteView.from(subscriptions.getQuote(Caller.of(jwt), id, quoteId));
    }
}
