package io.imcredits.billing;

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

/** Signed tokens for the tests, as the identity provider would issue them. */
public final class Tokens {

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

    /** A valid token of the partner that carries no role this service grants anything to. */
    public static String withoutRole(UUID partnerId) {
        return sign(claims("partner-" + partnerId, "visitor").claim("partner_id", partnerId.toString()));
    }

    public static String expiredPartner(UUID partnerId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByStranger(UUID partnerId) throws Exception {
        return claims("partner-" + partnerId, Caller.PARTNER).claim("partner_id", partnerId.toString())
                .sign(TestKeys.generate().getPrivate());
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(role)).expiresIn(Duration.ofHours(1));
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
