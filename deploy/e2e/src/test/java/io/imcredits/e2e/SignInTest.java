package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.path.json.JsonPath;

/**
 * Every token of the running system comes from Keycloak: partners sign in, Desk uses the client-credentials
 * grant, and the four services verify through the realm's JWKS. What they must refuse, a key rotated in
 * Keycloak, and Keycloak down and back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInTest {

    static final List<String> SERVICES = List.of(Portal.CUSTOMERS, Portal.SUBSCRIPTIONS, Portal.CREDITS, Portal.BILLING);
    static final String REALM = Keycloak.URL + "/realms/imcredits";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Order(1)
    void deskReadsItsOwnCustomersBalanceWithAClientCredentialsToken() {
        Portal acme = new Portal("Desk Partner");
        String zylker = acme.registerCustomer("Zylker Desk");
        String other = acme.registerCustomer("Other Desk");
        String desk = Deploy.deskToken(zylker);

        assertEquals(List.of("desk"), claims(desk).getList("groups"));
        given().baseUri(Portal.CREDITS).auth().oauth2(desk).get("/api/customers/{id}/credits", zylker)
                .then().statusCode(200).body("customerId", equalTo(zylker));
        given().baseUri(Portal.CREDITS).auth().oauth2(desk).get("/api/customers/{id}/credits", other)
                .then().statusCode(404);
    }

    @Test
    @Order(2)
    void everyServiceRefusesTokensItMustNotTrust() throws Exception {
        Portal portal = new Portal("Token Probe");
        String customer = portal.registerCustomer("Token Probe Ltd");
        String partner = portal.token;
        String header = partner.substring(0, partner.indexOf('.'));
        String payload = partner.split("\\.")[1];
        String kid = JSON.readTree(decode(header)).get("kid").asText();

        var stranger = KeyPairGenerator.getInstance("RSA");
        stranger.initialize(2048);
        PrivateKey strangerKey = stranger.generateKeyPair().getPrivate();
        String otherAudience = Keycloak.passwordToken("admin-cli", "acme", "acme-demo");
        String otherIssuer = Keycloak.adminToken();
        String noRole = withClaims(payload, claims -> claims.putArray("groups"));
        var refused = new LinkedHashMap<String, String>();
        refused.put("another application's token (audience)", otherAudience);
        refused.put("another realm's token (issuer)", otherIssuer);
        refused.put("alg none", encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
        refused.put("HS256", hs256(payload));
        refused.put("signed by an unknown key under Keycloak's kid", rs256(strangerKey, kid, payload));
        refused.put("a role removed (claims changed, signature kept)", header + "." + noRole + "." + partner.split("\\.")[2]);
        for (var token : refused.entrySet()) {
            for (String service : SERVICES) {
                given().baseUri(service).auth().oauth2(token.getValue()).get(path(service, customer))
                        .then().statusCode(401).contentType("application/problem+json");
            }
        }
        for (String service : SERVICES) {
            given().baseUri(service).auth().oauth2(partner).get(path(service, customer)).then().statusCode(200);
        }
    }

    @Test
    @Order(3)
    void aKeyRotatedInKeycloakIsPickedUpAndARemovedKeyIsRefused() {
        Portal acme = new Portal("Rotation Partner");
        String customer = acme.registerCustomer("Rotation Ltd");
        String oldKeyToken = Deploy.partnerToken(acme.partnerId);
        String oldKid = kid(oldKeyToken);

        String newProvider = Keycloak.addSigningKey();
        Deploy.forgetTokens();
        String newKeyToken = Deploy.partnerToken(acme.partnerId);
        assertNotEquals(oldKid, kid(newKeyToken), "Keycloak signs with the new, higher-priority key");
        // an unknown kid makes a service fetch the keys at once, unless it did so in the last minute
        // (smallrye.jwt.jwks.forced-refresh-interval; the refused tokens of the test before count): then within a minute
        for (String service : SERVICES) {
            await("the new key accepted by " + service).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(
                    () -> given().baseUri(service).auth().oauth2(newKeyToken).get(path(service, customer)).statusCode() == 200);
        }

        Keycloak.removeSigningKeysExcept(newProvider);
        // the services refresh the realm's keys every minute (smallrye.jwt.jwks.refresh-interval); credits-service
        // verifies a token it remembers again after one refresh: two minutes at most
        for (String service : SERVICES) {
            await("the removed key refused by " + service).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(
                    () -> given().baseUri(service).auth().oauth2(oldKeyToken).get(path(service, customer)).statusCode() == 401);
            given().baseUri(service).auth().oauth2(newKeyToken).get(path(service, customer)).then().statusCode(200);
        }
    }

    @Test
    @Order(4)
    void keycloakDownKeepsIssuedTokensWorkingAndServicesReady() {
        Portal acme = new Portal("Outage Partner");
        String customer = acme.registerCustomer("Outage Ltd");
        String partner = Deploy.partnerToken(acme.partnerId);
        String desk = Deploy.deskToken(customer);

        Deploy.stopKeycloak();
        try {
            for (String service : SERVICES) {
                given().baseUri(service).auth().oauth2(partner).get(path(service, customer)).then().statusCode(200);
                given().baseUri(service).get("/q/health/ready").then().statusCode(200);
            }
            given().baseUri(Portal.CREDITS).auth().oauth2(desk).get("/api/customers/{id}/credits", customer).then().statusCode(200);
            assertThrows(IllegalStateException.class, () -> Keycloak.passwordToken("imcredits-tests", "acme", "acme-demo"),
                    "no new sign-in while Keycloak is down");
        } finally {
            Deploy.startKeycloak();
        }
        Deploy.forgetTokens();
        given().baseUri(Portal.CUSTOMERS).auth().oauth2(Deploy.partnerToken(acme.partnerId)).get(path(Portal.CUSTOMERS, customer))
                .then().statusCode(200);
    }

    /** A read of one customer that a partner token may make on each service. */
    private static String path(String service, String customer) {
        if (service.equals(Portal.CREDITS)) return "/api/customers/" + customer + "/credits";
        if (service.equals(Portal.BILLING)) return "/api/customers/" + customer + "/billing-status";
        if (service.equals(Portal.SUBSCRIPTIONS)) return "/api/customers/" + customer + "/subscription";
        return "/api/customers/" + customer;
    }

    static JsonPath claims(String token) {
        return new JsonPath(decode(token.split("\\.")[1]));
    }

    private static String kid(String token) {
        return new JsonPath(decode(token.substring(0, token.indexOf('.')))).getString("kid");
    }

    private static String withClaims(String payload, Consumer<ObjectNode> change) throws Exception {
        ObjectNode claims = (ObjectNode) JSON.readTree(decode(payload));
        change.accept(claims);
        return encode(JSON.writeValueAsString(claims));
    }

    private static String hs256(String payload) throws Exception {
        String unsigned = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String rs256(PrivateKey key, String kid, String payload) throws Exception {
        String unsigned = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + payload;
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
