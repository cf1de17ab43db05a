package io.imcredits.credits;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified token: a partner, the Desk app of one customer, or operations. */
public record Caller(String subject, Optional<UUID> partnerId, Optional<UUID> customerId, boolean ops) {

    public static final String PARTNER = "partner";
    public static final String DESK = "desk";
    public static final String OPS = "ops";

    public static Caller of(JsonWebToken jwt) {
        return new Caller(jwt.getSubject(), uuidClaim(jwt, "partner_id"), uuidClaim(jwt, "customer_id"),
                jwt.getGroups().contains(OPS));
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
