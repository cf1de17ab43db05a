package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** GET /api/subscriptions: the subscriptions of a page of customers in one request, for the portal's Customers page. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class SubscriptionsTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    /** With a card, bought up to PROFESSIONAL with 7 agents and two add-ons. */
    static UUID upgraded;
    /** With a card, still on its trial. */
    static UUID carded;
    /** No card, a scheduled downgrade. */
    static UUID plain;
    static UUID othersCustomer;

    /** Three subscriptions of one partner, different in plan, agents, add-ons and card, and one of another partner. */
    @BeforeEach
    void makeSubscriptions() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (upgraded != null) return;
        upgraded = Saga.customerWithCard(PARTNER, "STANDARD", 5, "USD");
        String quoteId = Saga.quote(PARTNER, upgraded, """
                {"planCode": "PROFESSIONAL", "agents": 7,
                 "addOns": [{"code": "WHATSAPP_NUMBER", "quantity": 2}, {"code": "LIGHT_AGENT", "quantity": 3}]}""");
        String orderId = Saga.confirm(PARTNER, upgraded, quoteId, UUID.randomUUID().toString()).then().statusCode(202).extract().path("id");
        Saga.paymentSucceeded(PARTNER, upgraded, orderId);
        Saga.awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        carded = Saga.customerWithCard(PARTNER, "STANDARD", 3, "EUR");
        plain = Saga.registerCustomer(PARTNER, "PROFESSIONAL", 4, "USD");
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json").body("{\"agents\": 2}")
                .post("/api/customers/{id}/subscription/scheduled-change", plain).then().statusCode(201);
        othersCustomer = Saga.customerWithCard(OTHER_PARTNER, "ENTERPRISE", 2, "USD");
    }

    private static ValidatableResponse list(String token, String query) {
        return given().auth().oauth2(token).get("/api/subscriptions" + (query.isEmpty() ? "" : "?" + query)).then();
    }

    private static List<String> sorted(UUID... ids) {
        return Stream.of(ids).map(UUID::toString).sorted().toList();
    }

    @Test
    void shouldListThePartnersSubscriptionsByCustomerIdWithTheSubscriptionView() {
        list(Tokens.partner(PARTNER), "").statusCode(200)
                .body("items.customerId", contains(sorted(upgraded, carded, plain).toArray()), "total", equalTo(3), "page", equalTo(0),
                        "size", equalTo(50));
        // each item is what GET /api/customers/{id}/subscription answers for that customer
        for (UUID customerId : List.of(upgraded, carded, plain)) {
            Map<String, Object> single = Saga.subscription(PARTNER, customerId).getMap("");
            Map<String, Object> inList = list(Tokens.partner(PARTNER), "customerId=" + customerId).statusCode(200).extract().jsonPath()
                    .getMap("items[0]");
            assertEquals(single, inList, "the listed subscription of " + customerId);
        }
        list(Tokens.partner(PARTNER), "customerId=" + upgraded + "&customerId=" + carded + "&customerId=" + plain).statusCode(200)
                .body("items.find { it.customerId == '%s' }.planCode".formatted(upgraded), equalTo("PROFESSIONAL"),
                        "items.find { it.customerId == '%s' }.agents".formatted(upgraded), equalTo(7),
                        "items.find { it.customerId == '%s' }.cardOnFile".formatted(upgraded), equalTo(true),
                        "items.find { it.customerId == '%s' }.addOns.code".formatted(upgraded),
                        containsInAnyOrder("LIGHT_AGENT", "WHATSAPP_NUMBER"),
                        "items.find { it.customerId == '%s' }.addOns.find { it.code == 'LIGHT_AGENT' }.quantity".formatted(upgraded), equalTo(3),
                        "items.find { it.customerId == '%s' }.addOns.find { it.code == 'WHATSAPP_NUMBER' }.quantity".formatted(upgraded), equalTo(2),
                        "items.find { it.customerId == '%s' }.planCode".formatted(carded), equalTo("STANDARD"),
                        "items.find { it.customerId == '%s' }.agents".formatted(carded), equalTo(3),
                        "items.find { it.customerId == '%s' }.currency".formatted(carded), equalTo("EUR"),
                        "items.find { it.customerId == '%s' }.cardOnFile".formatted(carded), equalTo(true),
                        "items.find { it.customerId == '%s' }.addOns".formatted(carded), empty(),
                        "items.find { it.customerId == '%s' }.planCode".formatted(plain), equalTo("PROFESSIONAL"),
                        "items.find { it.customerId == '%s' }.agents".formatted(plain), equalTo(4),
                        "items.find { it.customerId == '%s' }.cardOnFile".formatted(plain), equalTo(false),
                        "items.find { it.customerId == '%s' }.scheduledChange.agents".formatted(plain), equalTo(2));
    }

    @Test
    void shouldFilterByCustomerIdsAndNeverShowAnotherPartnersCustomer() {
        list(Tokens.partner(PARTNER), "customerId=" + carded + "&customerId=" + othersCustomer + "&customerId=" + UUID.randomUUID())
                .statusCode(200).body("items.customerId", contains(carded.toString()), "total", equalTo(1));
        list(Tokens.partner(PARTNER), "customerId=" + othersCustomer).statusCode(200).body("items", empty(), "total", equalTo(0));
        // the other partner asking for this partner's customers learns nothing, not even that they exist
        list(Tokens.partner(OTHER_PARTNER), "customerId=" + upgraded + "&customerId=" + plain).statusCode(200)
                .body("items", empty(), "total", equalTo(0));
        list(Tokens.partner(OTHER_PARTNER), "").statusCode(200).body("items.customerId", contains(othersCustomer.toString()),
                "items[0].planCode", equalTo("ENTERPRISE"), "total", equalTo(1));
        // a partner's partnerId: its own is no filter, another's matches nothing
        list(Tokens.partner(OTHER_PARTNER), "partnerId=" + PARTNER).statusCode(200).body("items", empty(), "total", equalTo(0));
        list(Tokens.partner(OTHER_PARTNER), "partnerId=" + OTHER_PARTNER).statusCode(200)
                .body("items.customerId", contains(othersCustomer.toString()));
        // a partner token carrying a customer_id claim sees no more than its partner's customers
        list(Tokens.partner(OTHER_PARTNER, token -> token.claim("customer_id", upgraded.toString())), "customerId=" + upgraded)
                .statusCode(200).body("items", empty());
        list(Tokens.partner(PARTNER), "customerId=not-a-uuid").statusCode(400)
                .body("violations[0].field", equalTo("customerId"), "detail", startsWith("customerId: "));
    }

    @Test
    void shouldTakeUpTo200CustomerIds() {
        List<UUID> ids = new ArrayList<>(List.of(upgraded, plain));
        while (ids.size() < 200) ids.add(UUID.randomUUID());
        String query = ids.stream().map(id -> "customerId=" + id).collect(Collectors.joining("&"));
        list(Tokens.partner(PARTNER), query).statusCode(200).body("items.customerId", containsInAnyOrder(upgraded.toString(), plain.toString()));
        list(Tokens.partner(PARTNER), query + "&customerId=" + UUID.randomUUID()).statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("customerId"), "detail", startsWith("customerId: "));
        list(Tokens.ops(), query + "&customerId=" + UUID.randomUUID()).statusCode(400)
                .body("violations[0].field", equalTo("customerId"));
    }

    @Test
    void shouldPageWithTheTotalOfEveryPage() {
        String partner = Tokens.partner(PARTNER);
        List<String> all = sorted(upgraded, carded, plain);
        list(partner, "size=2").statusCode(200).body("items.customerId", contains(all.subList(0, 2).toArray()), "total", equalTo(3),
                "size", equalTo(2));
        list(partner, "size=2&page=1").statusCode(200).body("items.customerId", contains(all.get(2)), "total", equalTo(3), "page", equalTo(1));
        list(partner, "size=2&page=5").statusCode(200).body("items", empty(), "total", equalTo(3), "page", equalTo(5));
        list(partner, "size=200&page=10000").statusCode(200).body("items", empty(), "total", equalTo(3));
        for (String query : List.of("size=0", "size=201", "size=-1", "page=-1", "page=10001", "page=abc")) {
            String param = query.substring(0, query.indexOf('='));
            list(partner, query).statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(param), "detail", startsWith(param + ": "));
        }
    }

    @Test
    void shouldListEverySubscriptionToOpsAndNoneToDesk() {
        list(Tokens.ops(), "size=200").statusCode(200).body("total", greaterThanOrEqualTo(4));
        list(Tokens.ops(), "partnerId=" + PARTNER).statusCode(200)
                .body("items.customerId", contains(sorted(upgraded, carded, plain).toArray()), "total", equalTo(3));
        list(Tokens.ops(), "partnerId=" + OTHER_PARTNER).statusCode(200)
                .body("items.customerId", contains(othersCustomer.toString()), "items", hasSize(1));
        list(Tokens.ops(), "partnerId=" + OTHER_PARTNER + "&customerId=" + upgraded).statusCode(200).body("items", empty(), "total", equalTo(0));
        list(Tokens.ops(), "customerId=" + upgraded + "&customerId=" + othersCustomer).statusCode(200)
                .body("items.customerId", contains(sorted(upgraded, othersCustomer).toArray()));
        list(Tokens.desk(carded), "").statusCode(403).contentType("application/problem+json");
        list(Tokens.desk(carded), "customerId=" + carded).statusCode(403);
        given().get("/api/subscriptions").then().statusCode(401).contentType("application/problem+json");
    }
}
