package io.imcredits.credits.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.imcredits.credits.Caller;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * How long VerifiedTokens trusts what it verified: a key removed from Keycloak (here: the service no longer knows
 * it) still lets its cached tokens through until the next JWKS refresh interval, never longer. Time is moved by the
 * injected clock, not by waiting. And what it answers from memory: the same caller as the first time, for the very
 * token verified then and no other.
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

    /** A hit answers what the first verification did: the same roles, subject, partner, customer, name and expiry. */
    @Test
    void shouldAnswerAHitWithTheClaimsOfTheFirstAnswer() throws Exception {
        KeyPair keys = keyPair();
        VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC(), 1);
        JWTAuthContextInfo context = context(keys);
        UUID partnerId = UUID.randomUUID();
        UUID customerId = UUID.randomUUID();
        long expiry = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        String token = keycloakLike().groups(Set.of(Caller.PARTNER, Caller.DESK, "offline_access"))
                .claim("partner_id", partnerId.toString()).claim("customer_id", customerId.toString()).expiresAt(expiry)
                .sign(keys.getPrivate());

        JsonWebToken first = tokens.parse(token, context);
        JsonWebToken hit = tokens.parse(token, context);
        for (JsonWebToken answer : List.of(first, hit)) {
            assertEquals(Set.of(Caller.PARTNER, Caller.DESK, "offline_access"), answer.getGroups());
            assertEquals(new Caller(SUBJECT, Optional.of(partnerId), Optional.of(customerId), false), Caller.of(answer));
            assertEquals(partnerId.toString(), answer.getClaim("partner_id"));
            assertEquals(customerId.toString(), answer.getClaim("customer_id"));
            assertEquals(expiry, answer.getExpirationTime());
            assertEquals("service-account-desk", answer.getName());
            assertEquals(ISSUER, answer.getIssuer());
            assertEquals(Set.of("imcredits-api", "account"), answer.getAudience());
        }
    }

    /** A token one character away from a remembered one is another token: verified, and refused if that breaks it. */
    @Test
    void shouldVerifyATokenDifferingInOneCharacterAnew() throws Exception {
        KeyPair keys = keyPair();
        VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC(), 1);
        JWTAuthContextInfo context = context(keys);
        String token = keycloakLike().groups(Set.of(Caller.DESK)).claim("customer_id", UUID.randomUUID().toString())
                .sign(keys.getPrivate());
        assertEquals(SUBJECT, tokens.parse(token, context).getSubject());

        int payload = token.indexOf('.') + 1;
        int signature = token.lastIndexOf('.') + 1;
        for (int at : List.of(1, payload + 20, payload + 300, signature + 100)) {
            String changed = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
            assertThrows(ParseException.class, () -> tokens.parse(changed, context), "changed at " + at);
        }
        assertEquals(SUBJECT, tokens.parse(token, context).getSubject(), "the token itself still stands");
    }

    static final String SUBJECT = "b1f4c2a0-5d6e-4f3a-9c8b-7a6d5e4f3c2b";

    /** The claims of a Keycloak client-credentials token (some 20; groups, ids and expiry added by the test). */
    static JwtClaimsBuilder keycloakLike() {
        return Jwt.issuer(ISSUER).audience(Set.of("imcredits-api", "account")).subject(SUBJECT)
                .claim("jti", UUID.randomUUID().toString()).claim("typ", "Bearer").claim("azp", "desk").claim("acr", "1")
                .claim("allowed-origins", List.of("https://desk.imcredits.example"))
                .claim("realm_access", Map.of("roles", List.of("offline_access", "uma_authorization", "default-roles-imcredits")))
                .claim("resource_access", Map.of("account", Map.of("roles", List.of("manage-account", "manage-account-links", "view-profile"))))
                .claim("scope", "profile email").claim("clientHost", "10.0.12.34").claim("email_verified", false)
                .claim("preferred_username", "service-account-desk").claim("clientAddress", "10.0.12.34").claim("client_id", "desk")
                .expiresIn(Duration.ofMinutes(5));
    }

    private static JWTAuthContextInfo context(KeyPair keys) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of("imcredits-api"));
        return context;
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
