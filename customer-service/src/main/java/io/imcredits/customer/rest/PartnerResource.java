package io.imcredits.customer.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.customer.Caller;
import io.imcredits.customer.Partners;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/partners")
public class PartnerResource {

    private final Partners partners;
    private final JsonWebToken jwt;

    PartnerResource(Partners partners, JsonWebToken jwt) {
        this.partners = partners;
        this.jwt = jwt;
    }

    @GET
    @Path("/me")
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "The calling partner")
    public PartnerView me() {
        return PartnerView.from(partners.me(Caller.of(jwt)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Onboard a partner, or update its details (operations)")
    public PartnerView onboard(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") PartnerView.Request request) {
        return PartnerView.from(partners.onboard(id, request.toDetails()));
    }
}
