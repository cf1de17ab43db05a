package io.imcredits.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Mints the same RS256 tokens as deploy/token.sh, in process: the benchmark needs one per Desk customer. */
final class Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    Tokens(Path privateKeyPem, String issuer) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        this.issuer = issuer;
    }

    String desk(UUID customerId) {
        return mint("desk-" + customerId, "desk", ",\"customer_id\":\"" + customerId + "\"");
    }

    /** One Desk agent of the customer: each agent has a token (and a debit rate limit) of its own. */
    String deskAgent(UUID customerId, int agent) {
        return mint("desk-" + customerId + "-agent-" + agent, "desk", ",\"customer_id\":\"" + customerId + "\"");
    }

    String partner(UUID partnerId) {
        return mint("partner-" + partnerId, "partner", ",\"partner_id\":\"" + partnerId + "\"");
    }

    String ops() {
        return mint("ops-bench", "ops", "");
    }

    private String mint(String subject, String group, String extraClaims) {
        long now = Instant.now().getEpochSecond();
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"demo\"}");
        String payload = encode("{\"iss\":\"%s\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"%s}"
                .formatted(issuer, subject, subject, group, now, now + 4 * 3600, UUID.randomUUID(), extraClaims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
