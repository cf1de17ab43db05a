package io.imcredits.customer.rest;

import java.time.Clock;

import io.imcredits.customer.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * SmallRye's verification (signature, issuer, audience, exp and nbf within the clock skew) plus what it leaves
 * out: a token issued in the future. SmallRye accepts an iat an hour ahead, and such a token, leaked or minted
 * with a wrong clock, would be valid longer than Keycloak ever issues one for; it gets the same skew as exp.
 * Then the role and claim rules of {@link Caller#of}: here, so a token without a known role or without the claim
 * its role needs is 401 before any @RolesAllowed check could answer 403.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends DefaultJWTCallerPrincipalFactory {

    private final Clock clock;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal = super.parse(token, context);
        long latest = clock.instant().getEpochSecond() + context.getClockSkew();
        if (principal.getIssuedAtTime() > latest) {
            throw new ParseException("The token is issued in the future (iat " + principal.getIssuedAtTime() + ")");
        }
        try {
            Caller.of(principal);
        } catch (AuthenticationFailedException e) {
            throw new ParseException(e.getMessage(), e);
        }
        return principal;
    }
}
