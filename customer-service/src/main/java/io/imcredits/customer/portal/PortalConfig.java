package io.imcredits.customer.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the partner portal's browser signs in and finds the four APIs (the defaults: deploy/run.sh on one machine). */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    /** Keycloak's base address, as the browser reaches it. */
    @WithDefault("http://127.0.0.1:8180")
    String keycloakUrl();

    @WithDefault("imcredits")
    String realm();

    /** The realm's public client for the portal (authorization code + PKCE). */
    @WithDefault("imcredits-portal")
    String clientId();

    Apis apis();

    /** Each service's base address as the browser reaches it; customer-service serves the portal itself. */
    interface Apis {
        @WithDefault("http://127.0.0.1:8081")
        String customers();

        @WithDefault("http://127.0.0.1:8082")
        String subscriptions();

        @WithDefault("http://127.0.0.1:8083")
        String credits();

        @WithDefault("http://127.0.0.1:8084")
        String billing();
    }
}
