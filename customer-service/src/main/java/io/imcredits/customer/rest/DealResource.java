package io.imcredits.customer.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.customer.Caller;
import io.imcredits.customer.Deal;
import io.imcredits.customer.Deals;
import io.imcredits.customer.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/api/customers/{customerId}/deals")
public class DealResource {

    private final Deals deals;
    private final JsonWebToken jwt;

    DealResource(Deals deals, JsonWebToken jwt) {
        this.deals = deals;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Submit a large-deal estimate for one of the partner's customers",
            description = "Status starts SUBMITTED. A second open deal for the same customer and plan is 409. Emits DealSubmitted.")
    @APIResponse(responseCode = "201", description = "Submitted; Location is the deal's address",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DealView.class)))
    @APIResponse(responseCode = "404", description = "No such customer, or another partner's: the same answer")
    @APIResponse(responseCode = "409", description = "An open deal for this customer and plan exists; the detail names it")
    public RestResponse<DealView> submit(@PathParam("customerId") UUID customerId,
            @Valid @NotNull(message = "a JSON body is required") DealRequest request) {
        Deal deal = deals.submit(Caller.of(jwt), customerId, request.toEstimate());
        return RestResponse.ResponseBuilder.<DealView>created(URI.create("/api/customers/" + customerId + "/deals/" + deal.id))
                .entity(DealView.from(deal)).build();
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A customer's deals, newest first, with their status and any decision")
    public Page<DealView> list(@PathParam("customerId") UUID customerId,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return deals.list(Caller.of(jwt), customerId, page, size).map(DealView::from);
    }

    @GET
    @Path("/{dealId}")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "One deal of a customer")
    public DealView get(@PathParam("customerId") UUID customerId, @PathParam("dealId") UUID dealId) {
        return DealView.from(deals.get(Caller.of(jwt), customerId, dealId));
    }

    @POST
    @Path("/{dealId}/approval")
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Approve or reject a submitted deal, with a reason (operations)",
            description = "A deal is decided once: deciding it again is 409. The partner sees the status and reason.")
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DealView.class)))
    @APIResponse(responseCode = "404", description = "No such customer or deal")
    @APIResponse(responseCode = "409", description = "The deal was already decided")
    public DealView decide(@PathParam("customerId") UUID customerId, @PathParam("dealId") UUID dealId,
            @Valid @NotNull(message = "a JSON body is required") DecisionRequest request) {
        return DealView.from(deals.decide(Caller.of(jwt), customerId, dealId, request.status(), request.reason()));
    }
}
