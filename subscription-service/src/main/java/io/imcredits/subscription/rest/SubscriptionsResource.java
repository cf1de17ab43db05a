package io.imcredits.subscription.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.Page;
import io.imcredits.subscription.Subscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The portal's view of many subscriptions at once: a page of customers' plans, agents and cards in one request. */
@Path("/api/subscriptions")
@RolesAllowed({Caller.PARTNER, Caller.OPS})
public class SubscriptionsResource {

    static final int MAX_CUSTOMER_IDS = 200;

    private final Subscriptions subscriptions;
    private final JsonWebToken jwt;

    SubscriptionsResource(Subscriptions subscriptions, JsonWebToken jwt) {
        this.subscriptions = subscriptions;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The caller's subscriptions by customer id, paged; filter by customer ids",
            description = "Each item is the subscription GET /api/customers/{id}/subscription answers. A partner sees its own "
                    + "customers' subscriptions only (another partner's customer id, or another partner's partnerId, matches "
                    + "nothing); ops see all and may narrow them by partnerId.")
    public Page<SubscriptionView> list(
            @Parameter(description = "repeatable, at most 200: only these customers' subscriptions")
            @QueryParam("customerId") @Size(max = MAX_CUSTOMER_IDS) List<UUID> customerId,
            @Parameter(description = "ops: only this partner's customers") @QueryParam("partnerId") UUID partnerId,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return subscriptions.list(Caller.of(jwt), partnerId, customerId, page, size).map(SubscriptionView::from);
    }
}
