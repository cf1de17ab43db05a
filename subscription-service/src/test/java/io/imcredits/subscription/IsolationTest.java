package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every /api operation of the OpenAPI document, called on partner A's customer by everyone who must not
 * reach it: another partner and another customer's Desk get 404 (existence never leaks) or 403 where their
 * role may not call the operation at all, even when their token also carries the tenant's other claim (a claim
 * counts only with its role); a token this service must not trust (missing, expired, not yet valid, issued in
 * the future, for another audience or issuer, unsigned, HS256, signed by another key) or cannot use (no known
 * role, a role without its claim) gets 401. Every refusal is problem details, carries none of the customer's
 * data and changes nothing.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class IsolationTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final Set<String> PROBLEM_KEYS = Set.of("title", "status", "detail", "errorId", "violations", "moreViolations");
    static UUID customerId;
    static UUID otherCustomerId;
    static String quoteId;
    static String orderId;

    record Intruder(String name, String token, String role) {}

    @BeforeEach
    void makePartnerAsCustomer() {
        if (customerId != null) return;
        customerId = Saga.customerWithCard(PARTNER, "STANDARD", 5, "USD");
        otherCustomerId = Saga.registerCustomer(OTHER_PARTNER, "STANDARD", 5, "USD");
        orderId = Saga.confirm(PARTNER, customerId, Saga.quote(PARTNER, customerId, "{\"imCredits\": 25}"), UUID.randomUUID().toString())
                .then().statusCode(202).extract().path("id");
        quoteId = Saga.quote(PARTNER, customerId, "{\"imCredits\": 30}");
        // so that the tenant has a scheduled change to read
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json").body("{\"agents\": 2}")
                .post("/api/customers/{id}/subscription/scheduled-change", customerId).then().statusCode(201);
    }

    static Map<String, String> ids() {
        return Map.of("id", customerId.toString(), "quoteId", quoteId, "orderId", orderId);
    }

    @Test
    void shouldRefuseEveryOperationToEveryoneButTheTenant() throws Exception {
        List<ApiDoc.Operation> operations = ApiDoc.operations();
        assertTrue(operations.size() >= 7, "the OpenAPI document lists the operations: " + operations);
        String before = tenantState();
        List<Intruder> intruders = List.of(
                new Intruder("another partner", Tokens.partner(OTHER_PARTNER), Caller.PARTNER),
                new Intruder("another customer's Desk", Tokens.desk(otherCustomerId), Caller.DESK),
                new Intruder("another partner carrying the customer's customer_id",
                        Tokens.partner(OTHER_PARTNER, token -> token.claim("customer_id", customerId.toString())), Caller.PARTNER),
                new Intruder("another customer's Desk carrying the tenant's partner_id",
                        Tokens.desk(otherCustomerId, token -> token.claim("partner_id", PARTNER.toString())), Caller.DESK),
                new Intruder("a token expired 10 s ago", Tokens.expiredPartner(PARTNER), null),
                new Intruder("a token not valid for another minute",
                        Tokens.partner(PARTNER, token -> token.claim("nbf", Instant.now().plusSeconds(60).getEpochSecond())), null),
                new Intruder("a token issued an hour from now", Tokens.issuedAhead(PARTNER, Duration.ofHours(1)), null),
                new Intruder("a token for another audience", Tokens.partner(PARTNER, token -> token.audience("account")), null),
                new Intruder("a token without an audience", Tokens.partner(PARTNER, token -> token.remove("aud")), null),
                new Intruder("a token of another issuer", Tokens.partner(PARTNER, token -> token.issuer("https://issuer.example")), null),
                new Intruder("an unsigned token (alg none)", Tokens.unsigned(PARTNER), null),
                new Intruder("a token signed HS256 with the public key", Tokens.hs256WithThePublicKey(PARTNER), null),
                new Intruder("a token signed by another key", Tokens.signedByStranger(PARTNER), null),
                new Intruder("no token", null, null),
                new Intruder("a partner token without partner_id", Tokens.partner(PARTNER, token -> token.remove("partner_id")), null),
                new Intruder("a desk token without customer_id", Tokens.desk(customerId, token -> token.remove("customer_id")), null),
                new Intruder("a token without a known role", Tokens.withoutRole(PARTNER), null));
        List<String> failures = new ArrayList<>();
        for (ApiDoc.Operation operation : operations) {
            String body = operation.hasBody() ? BadBodies.validBody(operation.key(), customerId, quoteId) : null;
            for (Intruder intruder : intruders) {
                Response response = operation.call(intruder.token(), operation.address(ids()), body);
                Set<Integer> expected = intruder.role() == null ? Set.of(401)
                        : !operation.allows(intruder.role()) ? Set.of(403)
                                : operation.namesResource() ? Set.of(404) : null;
                String problem = check(response, expected);
                if (problem != null) failures.add(operation + " by " + intruder.name() + ": " + problem);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, tenantState(), "every intruder sent a valid body to every write: the tenant's data is as it was");
    }

    /** The batch listing names no customer in its path: another partner gets an empty page, never the tenant's subscription. */
    @Test
    void shouldListNoneOfTheTenantsSubscriptionsToAnotherPartner() {
        List<String> keys = ApiDoc.operations().stream().map(ApiDoc.Operation::key).toList();
        assertTrue(keys.contains("GET /api/subscriptions"), keys.toString());
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/subscriptions?customerId={id}", customerId).then().statusCode(200)
                .body("items.customerId", org.hamcrest.Matchers.contains(customerId.toString()));
        for (String token : List.of(Tokens.partner(OTHER_PARTNER),
                Tokens.partner(OTHER_PARTNER, token -> token.claim("customer_id", customerId.toString())))) {
            for (String query : List.of("customerId=" + customerId, "partnerId=" + PARTNER, "customerId=" + customerId + "&partnerId=" + PARTNER)) {
                String answer = given().auth().oauth2(token).get("/api/subscriptions?" + query).then().statusCode(200)
                        .body("items", org.hamcrest.Matchers.empty(), "total", org.hamcrest.Matchers.equalTo(0)).extract().asString();
                assertTrue(!answer.contains(customerId.toString()), answer);
            }
        }
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/subscriptions?customerId={id}", customerId).then().statusCode(403);
        given().auth().oauth2(Tokens.desk(otherCustomerId, token -> token.claim("partner_id", PARTNER.toString())))
                .get("/api/subscriptions?customerId={id}", customerId).then().statusCode(403);
        given().auth().oauth2(Tokens.expiredPartner(PARTNER)).get("/api/subscriptions").then().statusCode(401);
    }

    /**
     * A token as Keycloak issues it (audience imcredits-api and account, roles beside the service's) passes, and
     * so does an iat within the 5 s of clock skew: the refusals above are for the one thing each token gets wrong.
     */
    @Test
    void shouldServeATokenAsKeycloakIssuesIt() {
        String keycloak = Tokens.partner(PARTNER, token -> token.audience(Set.of(Tokens.AUDIENCE, "account"))
                .groups(Set.of(Caller.PARTNER, "offline_access", "uma_authorization")));
        given().auth().oauth2(keycloak).get("/api/customers/{id}/subscription", customerId).then().statusCode(200);
        given().auth().oauth2(Tokens.issuedAhead(PARTNER, Duration.ofSeconds(3)))
                .get("/api/customers/{id}/subscription", customerId).then().statusCode(200);
    }

    /** What a write by an intruder could have changed: the subscription, its scheduled change, orders, quotes and auto-recharge. */
    private static String tenantState() {
        String owner = Tokens.partner(PARTNER);
        String api = String.join("\n",
                given().auth().oauth2(owner).get("/api/customers/{id}/subscription", customerId).then().statusCode(200).extract().asString(),
                given().auth().oauth2(owner).get("/api/customers/{id}/subscription/scheduled-change", customerId).then().statusCode(200)
                        .extract().asString(),
                given().auth().oauth2(owner).get("/api/customers/{id}/license-updates", customerId).then().statusCode(200).extract()
                        .path("items.id").toString(),
                given().auth().oauth2(owner).get("/api/customers/{id}/auto-recharge", customerId).then().statusCode(200).extract().asString());
        return api + "\n" + rows("quote") + " quotes, " + rows("license_order") + " orders";
    }

    private static long rows(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager()
                .createNativeQuery("select count(*) from " + table + " where customer_id = ?1").setParameter(1, customerId)
                .getSingleResult()).longValue());
    }

    /** The suite would pass vacuously if the ids were wrong: the owner reads every resource it names. */
    @Test
    void shouldServeEveryReadToTheTenant() {
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            if (!operation.method().equals("GET")) continue;
            String token = operation.allows(Caller.PARTNER) ? Tokens.partner(PARTNER) : Tokens.ops();
            int status = operation.call(token, operation.address(ids()), null).statusCode();
            assertTrue(status == 200, operation + " for its tenant answered " + status);
        }
    }

    /** expected null: any answer but a 5xx, as long as it holds none of the customer's data. */
    private static String check(Response response, Set<Integer> expected) throws Exception {
        int status = response.statusCode();
        String text = response.asString();
        if (expected != null && !expected.contains(status)) return "answered " + status + " instead of " + expected + ": " + text;
        if (status >= 500) return "answered " + status + ": " + text;
        if (status >= 400) {
            if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                return "answered " + status + " as " + response.contentType() + ", not problem details";
            }
            List<String> keys = new ArrayList<>();
            BadBodies.JSON.readTree(text).fieldNames().forEachRemaining(keys::add);
            if (!PROBLEM_KEYS.containsAll(keys)) return "the refusal carries more than problem details: " + text;
        }
        if (text.contains(PARTNER.toString())) return "the answer holds the customer's data: " + text;
        return null;
    }
}
