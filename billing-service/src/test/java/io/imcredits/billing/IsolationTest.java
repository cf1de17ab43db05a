package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * role may not call the operation at all, and so do they when their token also carries a claim of another role
 * (a claim counts only with its role). Every token Keycloak would not have issued to this API gets 401: none,
 * expired, not yet valid, issued in the future, for another audience or issuer, unsigned, HS256, signed by
 * another key, without a role this service knows, or whose role lacks its claim. Every refusal is problem
 * details, carries none of the customer's data and changes nothing.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class IsolationTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final Set<String> PROBLEM_KEYS = Set.of("title", "status", "detail", "errorId", "violations");
    static UUID customerId;
    static UUID otherCustomerId;
    static String invoiceId;

    record Intruder(String name, String token, String role) {}

    @BeforeEach
    void makePartnerAsCustomer() {
        if (customerId != null) return;
        CardNumberLeaks.markStartOfRun();
        customerId = Fixture.customerOf(PARTNER);
        otherCustomerId = Fixture.customerOf(OTHER_PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242 4242 4242 4242");
        UUID orderId = UUID.randomUUID();
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(),
                Events.licenseUpdateRequested(UUID.randomUUID(), orderId, customerId, PARTNER, "50.00", "1.50", "51.50"));
        invoiceId = Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId");
    }

    static Map<String, String> ids() {
        return Map.of("id", customerId.toString(), "invoiceId", invoiceId);
    }

    @Test
    void shouldRefuseEveryOperationToEveryoneButTheTenant() throws Exception {
        List<ApiDoc.Operation> operations = ApiDoc.operations();
        assertTrue(operations.size() >= 7, "the OpenAPI document lists the operations: " + operations);
        List<Intruder> intruders = List.of(
                new Intruder("another partner", Tokens.partner(OTHER_PARTNER), Caller.PARTNER),
                new Intruder("another customer's Desk", Tokens.desk(otherCustomerId), Caller.DESK),
                new Intruder("another customer's Desk carrying the partner's partner_id",
                        Tokens.deskCarryingPartnerId(otherCustomerId, PARTNER), Caller.DESK),
                new Intruder("another partner carrying the customer's customer_id",
                        Tokens.partnerCarryingCustomerId(OTHER_PARTNER, customerId), Caller.PARTNER),
                new Intruder("no token", null, null),
                new Intruder("a token for another audience", Tokens.forAudience(PARTNER, "account"), null),
                new Intruder("a token without an audience", Tokens.withoutAudience(PARTNER), null),
                // beyond the 5 s clock skew
                new Intruder("a token expired 10 s ago", Tokens.expiredAgo(PARTNER, Duration.ofSeconds(10)), null),
                new Intruder("a token valid from a minute on (nbf)", Tokens.notBeforeIn(PARTNER, Duration.ofMinutes(1)), null),
                new Intruder("a token issued an hour from now (iat)", Tokens.issuedIn(PARTNER, Duration.ofHours(1)), null),
                new Intruder("an unsigned token (alg none)", Tokens.unsigned(PARTNER), null),
                new Intruder("an HS256 token", Tokens.signedWithSecret(PARTNER), null),
                new Intruder("a token signed by another key", Tokens.signedByStranger(PARTNER), null),
                new Intruder("a token of another issuer", Tokens.fromIssuer(PARTNER, "https://evil.example/realms/imcredits"), null),
                new Intruder("a partner token without partner_id", Tokens.partnerWithoutPartnerId(), null),
                new Intruder("a desk token without customer_id", Tokens.deskWithoutCustomerId(), null),
                new Intruder("a token without a role this service knows", Tokens.withoutKnownRole(PARTNER, customerId), null));
        String before = state();
        List<String> failures = new ArrayList<>();
        for (ApiDoc.Operation operation : operations) {
            String body = operation.hasBody() ? Fixture.validBody(operation.key(), customerId) : null;
            for (Intruder intruder : intruders) {
                Response response = operation.call(intruder.token(), operation.address(ids()), body);
                Set<Integer> expected = intruder.role() == null ? Set.of(401)
                        : !operation.allows(intruder.role()) ? Set.of(403)
                                : operation.namesResource() ? Set.of(404) : null;
                String problem = check(response, expected);
                if (problem != null) failures.add(operation + " by " + intruder.name() + ": " + problem);
            }
        }
        // the printable invoice and its PDF are the same operation with Accept: text/html or application/pdf
        for (String type : List.of("text/html", "application/pdf")) {
            for (Intruder intruder : intruders) {
                var request = given().accept(type);
                if (intruder.token() != null) request.auth().oauth2(intruder.token());
                Response page = request.get("/api/invoices/{id}", invoiceId);
                String problem = check(page, intruder.role() == null ? Set.of(401) : Set.of(404, 403));
                if (problem != null) failures.add("the invoice as " + type + " by " + intruder.name() + ": " + problem);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, state(), "a refused call changed the customer's card, charges or invoices");
        CardNumberLeaks.assertNowhere();
    }

    /** What a refused call could have changed: the card on file, the charges and the invoices. */
    private static String state() {
        Card card = Fixture.card(customerId);
        return (card == null ? "no card" : card.gatewayToken + " " + card.updatedAt)
                + ", charges " + Fixture.count("select count(*) from charge where customer_id = ?", customerId)
                + ", invoices " + Fixture.count("select count(*) from invoice where customer_id = ?", customerId);
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
