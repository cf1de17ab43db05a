package io.imcredits.subscription.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.LicenseUpdates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A license-update order by its own address (the Location a confirmation answers with). */
@Path("/api/license-updates")
public class OrderResource {

    private final LicenseUpdates licenseUpdates;
    private final JsonWebToken jwt;

    OrderResource(LicenseUpdates licenseUpdates, JsonWebToken jwt) {
        this.licenseUpdates = licenseUpdates;
        this.jwt = jwt;
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A license-update order: PENDING_PAYMENT, COMPLETED or FAILED with its reason")
    public OrderView get(@PathParam("orderId") UUID orderId) {
        return OrderView.from(licenseUpdates.get(Caller.of(jwt), orderId));
    }
}
