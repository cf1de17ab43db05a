package io.imcredits.subscription;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signed tokens for the tests, shaped as Keycloak issues them (issuer, audience, groups, 5 minutes). */
public final class Tokens {

    /** The audience every token of the realm carries and the services require (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "imcredits-api";

    private Tokens() {}

    public static String partner(UUID partnerId) {
        return partner(partnerId, UnaryOperator.identity());
    }

    /** The partner's token with one thing changed by the test: its audience, issuer, times, claims. */
    public static String partner(UUID partnerId, UnaryOperator<JwtClaimsBuilder> change) {
        return sign(change.apply(claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())));
    }

    public static String desk(UUID customerId) {
        return desk(customerId, UnaryOperator.identity());
    }

    /** The Desk token of the customer with one thing changed by the test. */
    public static String desk(UUID customerId, UnaryOperator<JwtClaimsBuilder> change) {
        return sign(change.apply(claims("desk-" + customerId, Caller.DESK).claim("customer_id", customerId.toString())));
    }

    public static String ops() {
        return sign(claims("ops-console", Caller.OPS));
    }

    /** A valid token of the partner that carries no role this service grants anything to. */
    public static String withoutRole(UUID partnerId) {
        return sign(claims("partner-" + partnerId, "visitor").claim("partner_id", partnerId.toString()));
    }

    /** Expired 10 s ago: beyond the 5 s of clock skew the service allows. */
    public static String expiredPartner(UUID partnerId) {
        Instant expired = Instant.now().minusSeconds(10);
        return partner(partnerId, token -> token.issuedAt(expired.minus(Duration.ofMinutes(5))).expiresAt(expired));
    }

    /** Issued {@code ahead} from now (and valid 5 minutes from then), as an issuer with a clock running fast would. */
    public static String issuedAhead(UUID partnerId, Duration ahead) {
        Instant issued = Instant.now().plus(ahead);
        return partner(partnerId, token -> token.issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(5))));
    }

    /** The partner's token with "alg": "none" and no signature. */
    public static String unsigned(UUID partnerId) {
        String payload = partner(partnerId).split("\\.")[1];
        return Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + payload + ".";
    }

    /** The partner's claims signed HS256 with the service's public key as the secret (the classic key confusion). */
    public static String hs256WithThePublicKey(UUID partnerId) throws Exception {
        TestKeys.ensure();
        return claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())
                .signWithSecret(Files.readString(TestKeys.PUBLIC));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByStranger(UUID partnerId) throws Exception {
        return claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())
                .sign(TestKeys.generate().getPrivate());
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        return Jwt.issuer(issuer).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(5));
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
