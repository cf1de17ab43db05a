package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.Renewals;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

@Path("/api/renewals/run")
public class RenewalResource {

    /** What one run started: a renewal or retry order (charging total), or a cancellation taking effect. */
    public record RunView(Instant until, List<Renewals.Started> started) {}

    private final Renewals renewals;

    RenewalResource(Renewals renewals) {
        this.renewals = renewals;
    }

    @POST
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Run the renewals, dunning retries and cancellations due up to a time (default now), of one customer or all",
            description = "What the renewal job does every subscription.renewal-check, on demand: a period that ends by until is renewed "
                    + "(an order charged through billing), a retry due by until is made, a scheduled cancellation takes effect. Each "
                    + "period and attempt is charged once however often this runs. until may be at most 400 days from now.")
    public RunView run(@NotNull(message = "a JSON body is required, e.g. {} for the renewals due now") RenewalRunRequest request) {
        Instant until = renewals.checkedUntil(request.until());
        return new RunView(until, renewals.run(until, request.customerId()));
    }
}
