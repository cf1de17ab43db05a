package io.imcredits.credits.rest;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.imcredits.credits.Caller;
import io.quarkus.security.AuthenticationFailedException;
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
 * request under load. The exact token text is the key, so a cached answer is for the very bytes that
 * were verified; it is used only until the token's expiry, after which the token is verified (and
 * refused) again, and for one JWKS refresh interval at most (smallrye.jwt.jwks.refresh-interval): a token
 * signed by a key removed from Keycloak is refused once the keys are fetched again, not served from here for
 * the rest of its life. The cache is bounded: when full, a tenth of it goes, in hash order (as good as random),
 * so a working set a little larger than the cache still mostly hits, where starting over would miss every time.
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

    /** About 3 KB a token: 20,000 Desk agents' tokens in some 60 MB. */
    static final int CAPACITY = 20_000;

    /** A verified token and the second until which its verification stands. */
    private record Verified(JWTCallerPrincipal principal, long until) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long recheckSeconds;

    VerifiedTokens(Clock clock, @ConfigProperty(name = "smallrye.jwt.jwks.refresh-interval", defaultValue = "60") long refreshMinutes) {
        this.clock = clock;
        this.recheckSeconds = refreshMinutes * 60;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        Verified known = verified.get(token);
        if (known != null && known.until() > clock.instant().getEpochSecond()) return known.principal();
        JWTCallerPrincipal principal = super.parse(token, context);
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
        verified.put(token, new Verified(principal, Math.min(principal.getExpirationTime(), now + recheckSeconds)));
        return principal;
    }

    private void evictATenth() {
        Iterator<String> tokens = verified.keySet().iterator();
        for (int i = 0; i < CAPACITY / 10 && tokens.hasNext(); i++) {
            tokens.next();
            tokens.remove();
        }
    }
}
