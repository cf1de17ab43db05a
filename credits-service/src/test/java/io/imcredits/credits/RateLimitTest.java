package io.imcredits.credits;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** One token may debit credits.debit-rate-limit.burst times at once, then waits: 429, Retry-After, nothing spent. */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
@WithTestResource(TestKeys.class)
class RateLimitTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credits.debit-rate-limit.per-second", "0.2", "credits.debit-rate-limit.burst", "3");
        }
    }

    static final UUID PARTNER = UUID.randomUUID();

    @Test
    void shouldAnswer429WithRetryAfterOnceATokenHasSpentItsBurst() {
        UUID customerId = Fixture.customer(PARTNER);
        Fixture.grant(customerId, PARTNER, "10.00");
        String desk = Tokens.desk(customerId);
        for (int i = 0; i < 3; i++) {
            Fixture.debit(desk, customerId, Fixture.message("wamid.burst-" + UUID.randomUUID(), "US", "MARKETING")).statusCode(201);
        }
        var available = Fixture.available(customerId);

        Response refused = Fixture.debit(desk, customerId, Fixture.message("wamid.over-" + UUID.randomUUID(), "US", "MARKETING"))
                .statusCode(429).contentType("application/problem+json").body("detail", containsString("retry after")).extract().response();
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, "Retry-After: " + refused.header("Retry-After"));
        assertEquals(0, available.compareTo(Fixture.available(customerId)), "the refused debit spent nothing");
        assertEquals(3, Fixture.entries(customerId, LedgerEntry.Type.DEBIT));

        // Another token (the partner's) has its own bucket; the balance stays readable to the throttled Desk.
        Fixture.debit(Tokens.partner(PARTNER), customerId, Fixture.message("wamid.partner-" + UUID.randomUUID(), "US", "MARKETING")).statusCode(201);
        io.restassured.RestAssured.given().auth().oauth2(desk).get("/api/customers/{id}/credits", customerId).then().statusCode(200);
    }

    /** Holds, settles, releases and the threshold draw on the same bucket as debits: a flood of any of them is refused. */
    @Test
    void shouldLimitHoldsSettlesReleasesAndAlertsLikeDebits() {
        UUID customerId = Fixture.customer(PARTNER);
        Fixture.grant(customerId, PARTNER, "10.00");
        String desk = Tokens.desk(customerId);
        String hold = Fixture.hold(desk, customerId, "wamid.limited-" + UUID.randomUUID(), "US", "MARKETING").statusCode(201)
                .extract().path("id");
        Fixture.hold(desk, customerId, "wamid.limited-" + UUID.randomUUID(), "US", "MARKETING").statusCode(201);
        io.restassured.RestAssured.given().auth().oauth2(desk).contentType("application/json")
                .body("{\"lowBalanceThreshold\": {\"amount\": \"1.00\"}}")
                .put("/api/customers/{id}/credits/alerts", customerId).then().statusCode(200);
        var before = Fixture.account(customerId);

        Fixture.hold(desk, customerId, "wamid.limited-" + UUID.randomUUID(), "US", "MARKETING").statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        Fixture.close(desk, customerId, hold, "settle", "{}").statusCode(429);
        Fixture.close(desk, customerId, hold, "release", "").statusCode(429);
        io.restassured.RestAssured.given().auth().oauth2(desk).contentType("application/json")
                .body("{\"lowBalanceThreshold\": {\"amount\": \"2.00\"}}")
                .put("/api/customers/{id}/credits/alerts", customerId).then().statusCode(429).contentType("application/problem+json");

        var after = Fixture.account(customerId);
        assertEquals(0, before.available.compareTo(after.available), "nothing spent");
        assertEquals(0, before.held.compareTo(after.held), "nothing held, settled or released");
        assertEquals(0, new java.math.BigDecimal("1.00").compareTo(after.lowBalanceThreshold), "the threshold unchanged");
        assertEquals(2, Fixture.entries(customerId, LedgerEntry.Type.HOLD));
    }
}
