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
    @Operation(summary = "A license-update order: PENDING_PAYMENT, COMPLETED or FAILED with its reason",
            description = "failureReason: billing's DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD, NO_CARD (no card on file: add one, "
                    + "quote and confirm again) or GATEWAY_UNAVAILABLE; PAYMENT_TIMEOUT (no answer from billing in time); "
                    + "AMOUNT_MISMATCH (billing reported a payment that is not the order's total; it is refunded). refund: REQUESTED, "
                    + "then REFUNDED, when money taken for a failed order goes back. A completed order with nothing to charge "
                    + "(total 0.00) has no chargeId and no invoiceId.")
    public OrderView get(@PathParam("orderId") UUID orderId) {
        return OrderView.from(licenseUpdates.get(Caller.of(jwt), orderId));
    }
}
