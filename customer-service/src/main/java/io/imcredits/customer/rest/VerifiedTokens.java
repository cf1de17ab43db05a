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
 * SmallRye JWT's checks (signature, issuer, audience, exp and nbf within the clock skew) plus what it lets through.
 * It accepts an iat up to an hour ahead: a token issued "in the future" comes from a broken or forged issuer clock
 * and would outlive Keycloak's 5 minutes, so an iat more than the clock skew after now is refused. And a token this
 * service can make no {@link Caller} of (no role it knows, a role without its claim) is refused here, so every
 * operation answers it 401 rather than 403 or 404. A ParseException becomes 401 problem details (ProblemMapper).
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
        long now = clock.instant().getEpochSecond();
        if (principal.getIssuedAtTime() > now + context.getClockSkew()) {
            throw new ParseException("The token was issued in the future (iat " + principal.getIssuedAtTime() + ", now " + now + ")");
        }
        try {
            Caller.of(principal);
        } catch (AuthenticationFailedException e) {
            throw new ParseException(e.getMessage(), e);
        }
        return principal;
    }
}
