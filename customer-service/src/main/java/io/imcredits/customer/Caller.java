package io.imcredits.customer;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;

/** Who is calling, read from the verified token: a partner, the Desk app of one customer, or operations. */
public record Caller(String subject, Optional<UUID> partnerId, Optional<UUID> customerId, boolean ops) {

    public static final String PARTNER = "partner";
    public static final String DESK = "desk";
    public static final String OPS = "ops";

    /**
     * Each claim counts only with its role: partner_id for a partner, customer_id for a Desk. A partner token that
     * also names a customer, or a Desk token that also names a partner, reaches no more than its role does. A token
     * whose role lacks the claim it needs, or that has none of the three roles, is refused as unauthenticated (401):
     * it is not a token of this system. rest/VerifiedTokens applies this when the token is verified, before any role check.
     */
    public static Caller of(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        boolean partner = groups.contains(PARTNER), desk = groups.contains(DESK), ops = groups.contains(OPS);
        if (!partner && !desk && !ops) throw new AuthenticationFailedException("The token has none of the roles partner, desk, ops");
        return new Caller(jwt.getSubject(), partner ? Optional.of(required(jwt, "partner_id", PARTNER)) : Optional.empty(),
                desk ? Optional.of(required(jwt, "customer_id", DESK)) : Optional.empty(), ops);
    }

    /** The partner a partner token speaks for (of() refused a partner token without one); other roles have none. */
    public UUID requirePartner() {
        return partnerId.orElseThrow(() -> new NotFound("This token names no partner (claim partner_id)"));
    }

    /** Whether this caller may see a customer owned by the given partner. */
    public boolean maySee(UUID ownerPartnerId, UUID customerId) {
        return ops || partnerId.map(ownerPartnerId::equals).orElse(false)
                || this.customerId.map(customerId::equals).orElse(false);
    }

    private static UUID required(JsonWebToken jwt, String claim, String role) {
        Object value = jwt.getClaim(claim);
        try {
            if (value != null) return UUID.fromString(value.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            // not a UUID: refused below, as if missing
        }
        throw new AuthenticationFailedException("A " + role + " token must name its " + claim);
    }
}
