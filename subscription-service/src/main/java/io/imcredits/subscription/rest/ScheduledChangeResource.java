package io.imcredits.subscription.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.subscription.Caller;
import io.imcredits.subscription.Subscription;
import io.imcredits.subscription.Subscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/customers/{id}/subscription/scheduled-change")
public class ScheduledChangeResource {

    private final Subscriptions subscriptions;
    private final JsonWebToken jwt;

    ScheduledChangeResource(Subscriptions subscriptions, JsonWebToken jwt) {
        this.subscriptions = subscriptions;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Schedule a downgrade or a cancellation for the period end (no refund; withdraw it with DELETE before then)",
            description = "A lower plan, fewer agents, add-ons removed or another billing cycle apply at the renewal, which charges the new "
                    + "configuration; cancel: true (alone) stops renewing and the standing becomes CANCELLED at the period end. "
                    + "An upgrade, an unknown plan or add-on, or a change that changes nothing is 422; a cancelled customer, a change "
                    + "already scheduled or a renewal being charged is 409.")
    public RestResponse<ScheduledChangeView> schedule(@PathParam("id") UUID id, @Valid @ConvertGroup(to = SizesFirst.class)
    @NotNull(message = "a JSON body is required") ScheduledChangeRequest request) {
        Subscription subscription = subscriptions.schedule(Caller.of(jwt), id, request.toChange());
        return RestResponse.ResponseBuilder.<ScheduledChangeView>created(URI.create("/api/customers/" + id + "/subscription/scheduled-change"))
                .entity(ScheduledChangeView.from(subscription)).build();
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "The change scheduled for the period end; 404 when none")
    public ScheduledChangeView get(@PathParam("id") UUID id) {
        return ScheduledChangeView.from(subscriptions.scheduled(Caller.of(jwt), id));
    }

    @DELETE
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Withdraw the scheduled change: the subscription renews as it is; 404 when none")
    public void withdraw(@PathParam("id") UUID id) {
        subscriptions.withdraw(Caller.of(jwt), id);
    }
}
