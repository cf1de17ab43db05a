package io.imcredits.customer.portal;

import org.eclipse.microprofile.openapi.annotations.Operation;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The portal's settings, read by its page before sign-in: nothing secret (the client is public). */
@Path("/portal/config.json")
@PermitAll
public class PortalConfigResource {

    public record View(String keycloakUrl, String realm, String clientId, Apis apis) {}

    public record Apis(String customers, String subscriptions, String credits, String billing) {}

    private final PortalConfig config;

    PortalConfigResource(PortalConfig config) {
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public View get() {
        PortalConfig.Apis apis = config.apis();
        return new View(config.keycloakUrl(), config.realm(), config.clientId(),
                new Apis(apis.customers(), apis.subscriptions(), apis.credits(), apis.billing()));
    }
}
