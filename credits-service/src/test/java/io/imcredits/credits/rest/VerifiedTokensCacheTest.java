package io.imcredits.credits.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.imcredits.credits.Caller;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * How long VerifiedTokens trusts what it verified: a key removed from Keycloak (here: the service no longer knows
 * it) still lets its cached tokens through until the next JWKS refresh interval, never longer. Time is moved by the
 * injected clock, not by waiting.
 */
class VerifiedTokensCacheTest {

    static final String ISSUER = "https://issuer.test";

    @Test
    void shouldVerifyACachedTokenAgainAfterOneJwksRefreshInterval() throws Exception {
        KeyPair removed = keyPair();
        Instant start = Instant.now();
        MovableClock clock = new MovableClock(start);
        VerifiedTokens tokens = new VerifiedTokens(clock, 1);
        JWTAuthContextInfo context = new JWTAuthContextInfo(removed.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of("imcredits-api"));
        String token = Jwt.issuer(ISSUER).audience("imcredits-api").subject("desk").groups(Set.of(Caller.DESK))
                .claim("customer_id", UUID.randomUUID().toString()).expiresIn(Duration.ofMinutes(5)).sign(removed.getPrivate());
        assertEquals("desk", tokens.parse(token, context).getSubject());

        context.setPublicVerificationKey(keyPair().getPublic()); // Keycloak rotated its key: the old one is gone
        clock.now = start.plusSeconds(59);
        assertEquals("desk", tokens.parse(token, context).getSubject(), "within the interval the cached answer stands");
        clock.now = start.plusSeconds(60);
        assertThrows(ParseException.class, () -> tokens.parse(token, context));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
