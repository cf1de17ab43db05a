package io.imcredits.billing.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.billing.Caller;
import io.imcredits.billing.PostpaidCloses;
import io.imcredits.billing.PostpaidCloses.PeriodCarried;
import io.imcredits.billing.PostpaidCloses.PeriodCharge;
import io.imcredits.billing.Standing;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api")
public class BillingResource {

    /** Closes the period now (or at `until`), for every customer or only one. */
    public record CloseRequest(@Schema(description = "At most 10 years before or after now") @WithinYears(10) Instant until, UUID customerId) {}

    /** carried: customers whose amount was below the minimum charge and waits for the next period. */
    public record PeriodClosed(Instant until, List<PeriodCharge> charges, List<PeriodCarried> carried) {}

    private final PostpaidCloses postpaid;
    private final Standing standing;
    private final JsonWebToken jwt;
    private final Clock clock;

    BillingResource(PostpaidCloses postpaid, Standing standing, JsonWebToken jwt, Clock clock) {
        this.postpaid = postpaid;
        this.clock = clock;
        this.standing = standing;
        this.jwt = jwt;
    }

    @POST
    @Path("/billing-periods/close")
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Close the post-paid billing period now: charge every customer's unbilled usage once, grouped by country and category",
            description = "The same as the monthly job. Body (optional): until (default now), customerId (default all). "
                    + "Amounts are rounded half up to whole minor units; the remainder, and any amount below billing.minimum-charge "
                    + "(listed under carried), carry to the next period.")
    public PeriodClosed close(@Valid CloseRequest request) {
        Instant until = request == null || request.until() == null ? Instant.now(clock) : request.until();
        PostpaidCloses.Closed closed = postpaid.close(until, request == null ? null : request.customerId());
        return new PeriodClosed(until, closed.charges(), closed.carried());
    }

    @GET
    @Path("/customers/{id}/billing-status")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "Whether the customer is past due (post-paid charges that failed and are being retried), "
            + "and the post-paid usage the next period close will bill")
    public BillingStatusView status(@PathParam("id") UUID customerId) {
        return BillingStatusView.of(customerId, standing.of(Caller.of(jwt), customerId));
    }
}
