package io.imcredits.customer.portal;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The address people type, /portal, leads to the portal's page at /portal/ (where its relative links resolve). */
@ApplicationScoped
public class PortalAddress {

    void route(@Observes Router router) {
        router.routeWithRegex("^/portal$").handler(context -> context.redirect("/portal/"));
    }
}
