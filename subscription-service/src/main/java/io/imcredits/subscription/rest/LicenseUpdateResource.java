package io.imcredits.subscription.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.LicenseOrder;
import io.imcredits.subscription.LicenseUpdates;
import io.imcredits.subscription.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/api/customers/{id}/license-updates")
public class LicenseUpdateResource {

    private final LicenseUpdates licenseUpdates;
    private final JsonWebToken jwt;

    LicenseUpdateResource(LicenseUpdates licenseUpdates, JsonWebToken jwt) {
        this.licenseUpdates = licenseUpdates;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Confirm a quote (Update License → OK): the card on file is charged, then the license is updated",
            description = "Answers 202 with the order (PENDING_PAYMENT). The same Idempotency-Key again returns the same order; "
                    + "with another quote it is 422. An expired or used quote, or another order of the customer still waiting "
                    + "for its payment, is 409. The card is not checked here: billing-service holds it, and an order whose "
                    + "customer has no card on file then fails with failureReason NO_CARD (the order shows it); add a card, "
                    + "quote and confirm again. An order with a total of 0.00 (e.g. only a post-paid add-on) is charged "
                    + "nothing but still needs a card on file, and completes without a charge or an invoice.")
    public RestResponse<OrderView> confirm(@PathParam("id") UUID id,
            @Parameter(description = "a fresh key per confirmation, e.g. a UUID")
            @HeaderParam("Idempotency-Key") @NotBlank(message = "send an Idempotency-Key header (e.g. a UUID)")
            @Size(max = 200) String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") LicenseUpdateRequest request) {
        LicenseOrder order = licenseUpdates.confirm(Caller.of(jwt), id, request.quoteId(), idempotencyKey);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, OrderView.from(order))
                .location(URI.create("/api/license-updates/" + order.id)).build();
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A customer's license-update orders, newest first, paged")
    public Page<OrderView> list(@PathParam("id") UUID id,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return licenseUpdates.list(Caller.of(jwt), id, page, size).map(OrderView::from);
    }
}
