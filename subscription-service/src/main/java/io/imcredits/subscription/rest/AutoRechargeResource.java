package io.imcredits.subscription.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.subscription.AutoRecharges;
import io.imcredits.subscription.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/customers/{id}/auto-recharge")
public class AutoRechargeResource {

    private final AutoRecharges autoRecharges;
    private final JsonWebToken jwt;

    AutoRechargeResource(AutoRecharges autoRecharges, JsonWebToken jwt) {
        this.autoRecharges = autoRecharges;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A customer's auto-recharge: settings, this month's recharges and the last automatic orders",
            description = "A customer who never set it answers enabled=false with defaults (version 0).")
    public AutoRechargeView get(@PathParam("id") UUID id) {
        return AutoRechargeView.from(autoRecharges.get(Caller.of(jwt), id));
    }

    @PUT
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "Set a customer's auto-recharge: below threshold, buy credits through the card on file, within monthly caps",
            description = "Answers the settings as GET does, with a new version (AutoRechargeConfigured tells credits-service). "
                    + "credits must be within a manual order's range; while enabled, monthlyMaxRecharges or monthlyMaxAmount is "
                    + "required; an out-of-range value is 400 naming it and changes nothing; an amount in another currency than the "
                    + "customer's is 422. Enabling again clears failuresInARow and disabledReason.")
    public AutoRechargeView put(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") AutoRechargeRequest request) {
        return AutoRechargeView.from(autoRecharges.configure(Caller.of(jwt), id, request.toChange()));
    }
}
