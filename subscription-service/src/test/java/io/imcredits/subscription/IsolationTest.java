package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every /api operation of the OpenAPI document, called on partner A's customer by everyone who must not
 * reach it: another partner and another customer's Desk get 404 (existence never leaks) or 403 where their
 * role may not call the operation at all; a missing, expired or foreign-signed token gets 401; a token
 * without a role 403. Every refusal is problem details and carries none of the customer's data.
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
        List<Intruder> intruders = List.of(
                new Intruder("another partner", Tokens.partner(OTHER_PARTNER), Caller.PARTNER),
                new Intruder("another customer's Desk", Tokens.desk(otherCustomerId), Caller.DESK),
                new Intruder("an expired token", Tokens.expiredPartner(PARTNER), null),
                new Intruder("a token signed by another key", Tokens.signedByStranger(PARTNER), null),
                new Intruder("no token", null, null),
                new Intruder("a token without a role", Tokens.withoutRole(PARTNER), ""));
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
