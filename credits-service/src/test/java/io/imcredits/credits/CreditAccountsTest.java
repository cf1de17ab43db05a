package io.imcredits.credits;

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
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** GET /api/credit-accounts: the balances of a page of customers in one request, for the portal's Customers page. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CreditAccountsTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static UUID ok;
    static UUID low;
    static UUID exhausted;
    static UUID othersCustomer;

    /** Three accounts of one partner, one in each status, and one account of another partner. */
    @BeforeEach
    void makeAccounts() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (ok != null) return;
        ok = Fixture.customer(PARTNER);
        Fixture.grant(ok, PARTNER, "100.00");
        low = Fixture.customer(PARTNER);
        Fixture.grant(low, PARTNER, "1.00");
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json")
                .body("{\"lowBalanceThreshold\": {\"amount\": \"5.00\", \"currency\": \"USD\"}}")
                .put("/api/customers/{id}/credits/alerts", low).then().statusCode(200).body("status", equalTo("LOW"));
        exhausted = Fixture.customer(PARTNER);
        othersCustomer = Fixture.customer(OTHER_PARTNER);
        Fixture.grant(othersCustomer, OTHER_PARTNER, "7.00");
    }

    private static ValidatableResponse list(String token, String query) {
        return given().auth().oauth2(token).get("/api/credit-accounts" + (query.isEmpty() ? "" : "?" + query)).then();
    }

    private static List<String> sorted(UUID... ids) {
        return Stream.of(ids).map(UUID::toString).sorted().toList();
    }

    @Test
    void shouldListThePartnersAccountsByCustomerIdWithTheBalanceView() {
        list(Tokens.partner(PARTNER), "").statusCode(200)
                .body("items.customerId", contains(sorted(ok, low, exhausted).toArray()), "total", equalTo(3), "page", equalTo(0),
                        "size", equalTo(50));
        // each item is what GET /api/customers/{id}/credits answers for that customer
        Object single = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/credits", low).then().statusCode(200)
                .extract().jsonPath().getMap("");
        Object inList = list(Tokens.partner(PARTNER), "customerId=" + low).statusCode(200).extract().jsonPath().getMap("items[0]");
        assertEquals(single, inList);
        list(Tokens.partner(PARTNER), "customerId=" + low).body("items[0].available", equalTo(java.util.Map.of("amount", "1.00",
                "currency", "USD")), "items[0].lowBalanceThreshold.amount", equalTo("5.00"), "items[0].standing", equalTo("ACTIVE"));
    }

    @Test
    void shouldFilterByStatus() {
        String partner = Tokens.partner(PARTNER);
        list(partner, "status=OK").statusCode(200).body("items.customerId", contains(ok.toString()), "items.status", contains("OK"),
                "total", equalTo(1));
        list(partner, "status=LOW").statusCode(200).body("items.customerId", contains(low.toString()), "items.status", contains("LOW"),
                "total", equalTo(1));
        list(partner, "status=EXHAUSTED").statusCode(200)
                .body("items.customerId", contains(exhausted.toString()), "items.status", contains("EXHAUSTED"), "total", equalTo(1));
        list(partner, "status=LOW&status=EXHAUSTED").statusCode(200)
                .body("items.customerId", contains(sorted(low, exhausted).toArray()), "total", equalTo(2));
        list(partner, "status=low").statusCode(400).body("violations[0].field", equalTo("status"), "detail", startsWith("status: "));
    }

    @Test
    void shouldFilterByCustomerIdsAndNeverShowAnotherPartnersCustomer() {
        list(Tokens.partner(PARTNER), "customerId=" + ok + "&customerId=" + othersCustomer + "&customerId=" + UUID.randomUUID())
                .statusCode(200).body("items.customerId", contains(ok.toString()), "total", equalTo(1));
        // the other partner asking for this partner's customers learns nothing, not even that they exist
        list(Tokens.partner(OTHER_PARTNER), "customerId=" + ok + "&customerId=" + low).statusCode(200)
                .body("items", empty(), "total", equalTo(0));
        list(Tokens.partner(OTHER_PARTNER), "").statusCode(200).body("items.customerId", contains(othersCustomer.toString()));
        list(Tokens.partner(OTHER_PARTNER), "partnerId=" + PARTNER).statusCode(200).body("items", empty(), "total", equalTo(0));
        list(Tokens.partner(PARTNER), "status=LOW&customerId=" + ok + "&customerId=" + low).statusCode(200)
                .body("items.customerId", contains(low.toString()));
        list(Tokens.partner(PARTNER), "customerId=not-a-uuid").statusCode(400)
                .body("violations[0].field", equalTo("customerId"), "detail", startsWith("customerId: "));
    }

    @Test
    void shouldTakeUpTo200CustomerIds() {
        List<UUID> ids = new ArrayList<>(List.of(ok, exhausted));
        while (ids.size() < 200) ids.add(UUID.randomUUID());
        String query = ids.stream().map(id -> "customerId=" + id).collect(Collectors.joining("&"));
        list(Tokens.partner(PARTNER), query).statusCode(200).body("items.customerId", containsInAnyOrder(ok.toString(), exhausted.toString()));
        list(Tokens.partner(PARTNER), query + "&customerId=" + UUID.randomUUID()).statusCode(400)
                .body("violations[0].field", equalTo("customerId"), "detail", startsWith("customerId: "));
    }

    @Test
    void shouldPageWithTheTotalOfEveryPage() {
        String partner = Tokens.partner(PARTNER);
        List<String> all = sorted(ok, low, exhausted);
        list(partner, "size=2").statusCode(200).body("items.customerId", contains(all.subList(0, 2).toArray()), "total", equalTo(3),
                "size", equalTo(2));
        list(partner, "size=2&page=1").statusCode(200).body("items.customerId", contains(all.get(2)), "total", equalTo(3), "page", equalTo(1));
        list(partner, "size=2&page=5").statusCode(200).body("items", empty(), "total", equalTo(3), "page", equalTo(5));
        list(partner, "size=201").statusCode(400).body("violations[0].field", equalTo("size"));
        list(partner, "page=10001").statusCode(400).body("violations[0].field", equalTo("page"));
        list(partner, "size=0").statusCode(400).body("violations[0].field", equalTo("size"));
    }

    @Test
    void shouldListEveryAccountToOpsAndNoneToDesk() {
        list(Tokens.ops(), "size=200").statusCode(200).body("total", greaterThanOrEqualTo(4));
        list(Tokens.ops(), "partnerId=" + PARTNER).statusCode(200).body("items.customerId", contains(sorted(ok, low, exhausted).toArray()),
                "total", equalTo(3));
        list(Tokens.ops(), "partnerId=" + OTHER_PARTNER + "&status=OK").statusCode(200)
                .body("items.customerId", contains(othersCustomer.toString()), "items", hasSize(1));
        list(Tokens.desk(ok), "").statusCode(403).contentType("application/problem+json");
        list(Tokens.desk(ok), "customerId=" + ok).statusCode(403);
        given().get("/api/credit-accounts").then().statusCode(401);
    }
}
