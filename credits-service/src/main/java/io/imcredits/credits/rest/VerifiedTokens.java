package io.imcredits.credits.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;

import io.imcredits.credits.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Verifies each distinct bearer token once. Desk sends the same token with every balance read and every
 * debit, and checking its RS256 signature and claims again each time was the largest single cost of a
 * request under load. The key is the SHA-256 of the token's bytes, so a cached answer is for the very bytes that
 * were verified; it is used only until the token's expiry, after which the token is verified (and
 * refused) again, and for one JWKS refresh interval at most (smallrye.jwt.jwks.refresh-interval): a token
 * signed by a key removed from Keycloak is refused once the keys are fetched again, not served from here for
 * the rest of its life. The cache is bounded: when full, a tenth of it goes, in hash order (as good as random),
 * so a working set a little larger than the cache still mostly hits, where starting over would miss every time.
 * <p>
 * What is remembered, and answered the first time too so that a hit cannot differ from a miss, is a principal
 * with only the claims in {@link #KEPT}, without the raw token: SmallRye's own keeps the token text and every claim
 * (jose4j's map, JSON-P values for the custom ones), 8 to 10 KB a Keycloak token with its text as the key.
 * <p>
 * On its first verification a token also gets the checks SmallRye leaves out. SmallRye accepts an {@code iat} up to
 * an hour ahead: a token issued "in the future" comes from a broken or forged issuer's clock and would outlive its
 * 5 minutes, so an iat more than the clock skew after now is refused. A token this service can make no
 * {@link Caller} of (no role it knows, a role without its claim) is refused too, so that every operation answers it
 * 401, never 403 or 404. A ParseException is what the JWT mechanism turns into 401 problem details.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends DefaultJWTCallerPrincipalFactory {

    /**
     * About 1.4 KB a token: 10,000 Keycloak-like tokens (20 claims, 1.5 KB) took 13.5 MB of heap, where keeping
     * SmallRye's principal under the token text took 78 MB. 20,000 tokens in some 27 MB.
     */
    static final int CAPACITY = 20_000;

    /**
     * The claims a remembered principal keeps: groups, sub, partner_id and customer_id ({@link Caller}, the debit
     * rate limit), groups again for Quarkus' roles, upn, preferred_username and sub for getName(), exp and iat for
     * this class, iss, aud and jti for whoever asks what was verified. Not the raw token: nothing in this service
     * reads getRawToken() (no token is passed on to another service), and it was the largest part of an entry.
     */
    private static final List<String> KEPT = List.of("iss", "sub", "aud", "exp", "iat", "jti", "upn", "preferred_username", "groups",
            "partner_id", "customer_id");

    /** A verified principal and the second until which its verification stands. */
    private record Verified(JWTCallerPrincipal principal, long until) {}

    /** The SHA-256 of a token: 32 bytes where the token is 1.5 KB. A collision of SHA-256 is not a practical concern. */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(String token) {
            try {
                ByteBuffer sha = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
                return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }

    private final Map<Digest, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long recheckSeconds;

    VerifiedTokens(Clock clock, @ConfigProperty(name = "smallrye.jwt.jwks.refresh-interval", defaultValue = "60") long refreshMinutes) {
        this.clock = clock;
        this.recheckSeconds = refreshMinutes * 60;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        Digest digest = Digest.of(token);
        Verified known = verified.get(digest);
        if (known != null && known.until() > clock.instant().getEpochSecond()) return known.principal();
        JWTCallerPrincipal principal = slim(super.parse(token, context));
        long now = clock.instant().getEpochSecond();
        if (principal.getIssuedAtTime() > now + context.getClockSkew()) {
            throw new ParseException("The token was issued in the future (iat " + principal.getIssuedAtTime() + ", now " + now + ")");
        }
        try {
            Caller.of(principal);
        } catch (AuthenticationFailedException e) {
            throw new ParseException(e.getMessage(), e);
        }
        if (verified.size() >= CAPACITY) evictATenth();
        verified.put(digest, new Verified(principal, Math.min(principal.getExpirationTime(), now + recheckSeconds)));
        return principal;
    }

    /** SmallRye's principal with only the {@link #KEPT} claims and no raw token. */
    private static JWTCallerPrincipal slim(JWTCallerPrincipal full) {
        Set<String> present = full.getClaimNames();
        JwtClaims claims = new JwtClaims();
        for (String name : KEPT) {
            if (!present.contains(name)) continue;
            Object value = full.getClaim(name);
            claims.setClaim(name, value instanceof Set<?> set ? List.copyOf(set) : value); // aud, groups: jose4j reads a list
        }
        return new DefaultJWTCallerPrincipal(null, "JWT", claims);
    }

    private void evictATenth() {
        Iterator<Digest> digests = verified.keySet().iterator();
        for (int i = 0; i < CAPACITY / 10 && digests.hasNext(); i++) {
            digests.next();
            digests.remove();
        }
    }
}
