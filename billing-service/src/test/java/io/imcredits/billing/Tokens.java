package io.imcredits.billing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signed tokens for the tests, as the identity provider (Keycloak) would issue them, and ones it never would. */
public final class Tokens {

    /** The audience Keycloak's realm puts in every token for the APIs (mp.jwt.verify.audiences). */
    static final String AUDIENCE = "imcredits-api";

    private Tokens() {}

    public static String partner(UUID partnerId) {
        return sign(claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString()));
    }

    public static String desk(UUID customerId) {
        return sign(claims("desk-" + customerId, Caller.DESK).claim("customer_id", customerId.toString()));
    }

    public static String ops() {
        return sign(claims("ops-console", Caller.OPS));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByStranger(UUID partnerId) throws Exception {
        return claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())
                .sign(TestKeys.generate().getPrivate());
    }

    /** The partner's token, otherwise valid, for another audience (e.g. Keycloak's own account console). */
    public static String forAudience(UUID partnerId, String audience) {
        return sign(partnerClaims(partnerId).audience(audience));
    }

    public static String withoutAudience(UUID partnerId) {
        return sign(partnerClaims(partnerId).remove("aud"));
    }

    /** Issued 5 minutes (Keycloak's lifespan) before it expired, which was the given time before now. */
    public static String expiredAgo(UUID partnerId, Duration ago) {
        Instant expired = Instant.now().minus(ago);
        return sign(partnerClaims(partnerId).issuedAt(expired.minus(Duration.ofMinutes(5))).expiresAt(expired));
    }

    /** Valid only from the given time from now on. */
    public static String notBeforeIn(UUID partnerId, Duration ahead) {
        return sign(partnerClaims(partnerId).claim("nbf", Instant.now().plus(ahead).getEpochSecond()));
    }

    /** Issued the given time from now (a wrong or forged issuer clock), with Keycloak's 5 minutes from there. */
    public static String issuedIn(UUID partnerId, Duration ahead) {
        Instant issued = Instant.now().plus(ahead);
        return sign(partnerClaims(partnerId).issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(5))));
    }

    /** The partner's claims with no signature at all (alg none). */
    public static String unsigned(UUID partnerId) {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = base64Url("{\"iss\":\"" + issuer() + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"partner-" + partnerId
                + "\",\"groups\":[\"partner\"],\"partner_id\":\"" + partnerId + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
        return header + "." + payload + ".";
    }

    /** Signed with HS256 and a shared secret instead of the issuer's RSA key. */
    public static String signedWithSecret(UUID partnerId) {
        return partnerClaims(partnerId).signWithSecret("a-shared-secret-of-at-least-256-bits-for-hs256");
    }

    public static String fromIssuer(UUID partnerId, String issuer) {
        return sign(partnerClaims(partnerId).issuer(issuer));
    }

    /** Keycloak-shaped tokens whose role lacks the claim it needs, or that carry a claim of another role. */
    public static String partnerWithoutPartnerId() {
        return sign(claims("partner-without-id", Caller.PARTNER));
    }

    public static String deskWithoutCustomerId() {
        return sign(claims("desk-without-id", Caller.DESK));
    }

    /** Groups Keycloak gives every user (offline_access…) but none of partner, desk, ops. */
    public static String withoutKnownRole(UUID partnerId, UUID customerId) {
        return sign(claims("nobody", "offline_access").claim("partner_id", partnerId.toString())
                .claim("customer_id", customerId.toString()));
    }

    public static String deskCarryingPartnerId(UUID customerId, UUID partnerId) {
        return sign(claims("desk-" + customerId, Caller.DESK).claim("customer_id", customerId.toString())
                .claim("partner_id", partnerId.toString()));
    }

    public static String partnerCarryingCustomerId(UUID partnerId, UUID customerId) {
        return sign(partnerClaims(partnerId).claim("customer_id", customerId.toString()));
    }

    private static JwtClaimsBuilder partnerClaims(UUID partnerId) {
        return claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString());
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        return Jwt.issuer(issuer()).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1));
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            TestKeys.ensure();
            String pem = Files.readString(TestKeys.PRIVATE).replaceAll("-----[A-Z ]+-----|\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the test private key", e);
        }
    }
}
