package io.imcredits.subscription.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.Subscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/plans")
public class CatalogResource {

    private final Subscriptions subscriptions;

    CatalogResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.DESK, Caller.OPS})
    @Operation(summary = "The plans (ranked, priced per agent per month and per year) and the add-ons: PREPAID IM credits, STANDARD and POSTPAID")
    public CatalogView catalog() {
        return CatalogView.from(subscriptions.catalog());
    }
}
