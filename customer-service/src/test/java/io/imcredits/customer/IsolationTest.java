package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every /api operation of the OpenAPI document, called on partner A's customer by everyone who must not
 * reach it: another partner and another customer's Desk get 404 (existence never leaks) or 403 where their
 * role may not call the operation at all, even when their token also carries a claim naming the tenant that
 * their role does not use; a token this service must not trust (missing, expired, not yet valid, issued in the
 * future, for another audience or issuer, unsigned, HS256, signed by another key, with none of the roles, or
 * without the claim its role needs) gets 401. Every refusal is problem details, carries none of the customer's
 * data and changes nothing.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class IsolationTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final String COMPANY = "Isolated Corp " + PARTNER;
    static final String EMAIL = "iso-" + PARTNER + "@isolated.example";
    static String customerId;
    static String otherCustomerId;
    static String dealId;

    record Intruder(String name, String token, String role) {}

    @BeforeEach
    void makePartnerAsCustomer() {
        if (customerId != null) return;
        Fixture.onboard(PARTNER, "Isolated Partner");
        Fixture.onboard(OTHER_PARTNER, "Other Partner");
        customerId = Fixture.register(PARTNER, COMPANY, EMAIL);
        otherCustomerId = Fixture.register(OTHER_PARTNER, "Other Corp", "other@other.example");
        dealId = given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body(Fixture.validBody("POST /api/customers/{customerId}/deals"))
                .post("/api/customers/{id}/deals", customerId).then().statusCode(201).extract().path("id");
    }

    static Map<String, String> ids() {
        return Map.of("id", customerId, "customerId", customerId, "dealId", dealId);
    }

    @Test
    void shouldRefuseEveryOperationToEveryoneButTheTenant() throws Exception {
        List<ApiDoc.Operation> operations = ApiDoc.operations();
        assertTrue(operations.size() >= 10, "the OpenAPI document lists the operations: " + operations);
        List<Intruder> intruders = List.of(
                new Intruder("another partner", Tokens.partner(OTHER_PARTNER), Caller.PARTNER),
                new Intruder("another customer's Desk", Tokens.desk(UUID.fromString(otherCustomerId)), Caller.DESK),
                new Intruder("a token expired 10 s ago", Tokens.expiredPartner(PARTNER), null),
                new Intruder("a token issued an hour from now", Tokens.partner(PARTNER, token -> token
                        .issuedAt(Instant.now().plusSeconds(3600)).expiresAt(Instant.now().plusSeconds(3900))), null),
                new Intruder("a token not valid for another minute",
                        Tokens.partner(PARTNER, token -> token.claim("nbf", Instant.now().plusSeconds(60).getEpochSecond())), null),
                new Intruder("a token for another audience", Tokens.partner(PARTNER, token -> token.audience("account")), null),
                new Intruder("a token without an audience", Tokens.partner(PARTNER, token -> token.remove("aud")), null),
                new Intruder("a token of another issuer", Tokens.partner(PARTNER, token -> token.issuer("https://issuer.example")), null),
                new Intruder("an unsigned token (alg none)", Tokens.unsigned(PARTNER), null),
                new Intruder("a token signed HS256 with the public key", Tokens.hs256WithThePublicKey(PARTNER), null),
                new Intruder("a token signed by another key", Tokens.signedByStranger(PARTNER), null),
                new Intruder("no token", null, null),
                new Intruder("a Desk token that also names the partner", Tokens.desk(UUID.fromString(otherCustomerId),
                        token -> token.claim("partner_id", PARTNER.toString())), Caller.DESK),
                new Intruder("another partner's token that also names the customer", Tokens.partner(OTHER_PARTNER,
                        token -> token.claim("customer_id", customerId)), Caller.PARTNER),
                new Intruder("a token with none of the roles", Tokens.withoutRole(PARTNER), null),
                new Intruder("a partner token without partner_id", Tokens.partner(PARTNER, token -> token.remove("partner_id")), null),
                new Intruder("a Desk token without customer_id", Tokens.desk(UUID.fromString(customerId),
                        token -> token.remove("customer_id")), null));
        List<String> failures = new ArrayList<>();
        for (ApiDoc.Operation operation : operations) {
            String body = operation.hasBody() ? Fixture.validBody(operation.key()) : null;
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
        assertNothingChanged();
    }

    /** Every intruder sent a valid body to every write: the tenant's customer, deal and list are as they were. */
    private static void assertNothingChanged() {
        String owner = Tokens.partner(PARTNER);
        given().auth().oauth2(owner).get("/api/customers/{id}", customerId)
                .then().statusCode(200).body("version", equalTo(0), "companyName", equalTo(COMPANY), "email", equalTo(EMAIL));
        given().auth().oauth2(owner).get("/api/customers/{id}/deals", customerId)
                .then().statusCode(200).body("total", equalTo(1), "items[0].status", equalTo("SUBMITTED"));
        given().auth().oauth2(owner).get("/api/customers").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(owner).get("/api/partners/me").then().statusCode(200).body("name", equalTo("Isolated Partner"));
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
    private static String check(Response response, Set<Integer> expected) {
        int status = response.statusCode();
        String text = response.asString();
        if (expected != null && !expected.contains(status)) return "answered " + status + " instead of " + expected + ": " + text;
        if (status >= 500) return "answered " + status + ": " + text;
        if (status == 401 && !"Bearer".equals(response.header("WWW-Authenticate"))) return "answered 401 without WWW-Authenticate: Bearer";
        if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            return "answered " + status + " as " + response.contentType() + ", not problem details";
        }
        for (String secret : List.of(COMPANY, EMAIL, PARTNER.toString())) {
            if (text.contains(secret)) return "the answer holds the customer's data (" + secret + "): " + text;
        }
        return null;
    }
}
