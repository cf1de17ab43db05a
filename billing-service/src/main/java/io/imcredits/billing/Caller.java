package io.imcredits.billing;

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
     * Each claim counts only with the role it belongs to: partner_id with partner, customer_id with desk. A partner
     * token carrying a customer_id does not see that customer, nor a desk token carrying a partner_id that
     * partner's customers. A token with none of the three roles, or whose role lacks its claim, is refused as
     * unauthenticated (401, changing nothing): rest/VerifiedTokens applies this to every token before any operation.
     */
    public static Caller of(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        boolean partner = groups.contains(PARTNER), desk = groups.contains(DESK), ops = groups.contains(OPS);
        if (!partner && !desk && !ops) throw new AuthenticationFailedException("The token has none of the roles partner, desk, ops");
        Optional<UUID> partnerId = partner ? uuidClaim(jwt, "partner_id") : Optional.empty();
        Optional<UUID> customerId = desk ? uuidClaim(jwt, "customer_id") : Optional.empty();
        if (partner && partnerId.isEmpty()) throw new AuthenticationFailedException("A partner token must name its partner (partner_id)");
        if (desk && customerId.isEmpty()) throw new AuthenticationFailedException("A desk token must name its customer (customer_id)");
        return new Caller(jwt.getSubject(), partnerId, customerId, ops);
    }

    /** The partner a partner token speaks for; a token without one cannot act as a partner. */
    public UUID requirePartner() {
        return partnerId.orElseThrow(() -> new NotFound("This token names no partner (claim partner_id)"));
    }

    /** Whether this caller may see a customer owned by the given partner. */
    public boolean maySee(UUID ownerPartnerId, UUID customerId) {
        return ops || partnerId.map(ownerPartnerId::equals).orElse(false)
                || this.customerId.map(customerId::equals).orElse(false);
    }

    private static Optional<UUID> uuidClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(value.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
