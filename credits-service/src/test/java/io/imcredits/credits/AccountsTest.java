package io.imcredits.credits;

import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.SUBSCRIPTION_EVENTS;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.balance;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.emitted;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static io.imcredits.credits.Fixture.spend;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The credit accounts, against the real database and broker: grants, alerts, ops adjustments, the ledger and who may see it. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class AccountsTest {

    static final UUID PARTNER = UUID.randomUUID();

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldGrantAPurchaseOnceEvenWhenReplayed() {
        UUID customerId = customer(PARTNER), orderId = UUID.randomUUID(), eventId = UUID.randomUUID();
        String purchase = Fixture.creditsPurchased(eventId, customerId, PARTNER, orderId, "10.00");

        SUBSCRIPTION_EVENTS.send(customerId.toString(), purchase);
        await().atMost(PATIENCE).until(() -> available(customerId).compareTo(new BigDecimal("10")) == 0);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), purchase); // Kafka redelivers it
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.creditsPurchased(UUID.randomUUID(), customerId, PARTNER, orderId, "10.00")); // re-emitted
        grant(customerId, PARTNER, "1.00"); // a later order on the same partition: the replays were consumed before it

        assertEquals(new BigDecimal("11.0000"), available(customerId));
        assertEquals(2, entries(customerId, LedgerEntry.Type.GRANT));
        assertEquals(available(customerId), ledgerSum(customerId));
        await().atMost(PATIENCE).until(() -> emitted(customerId, "CreditsGranted").size() == 2);
        JsonPath granted = emitted(customerId, "CreditsGranted").get(0);
        assertEquals(orderId.toString(), granted.getString("data.orderId"));
        assertEquals("10.00", granted.getString("data.amount.amount"));
        assertEquals("USD", granted.getString("data.available.currency"));
        assertEquals("credits-service", granted.getString("source"));
        assertEquals(List.of("orderId", "customerId", "amount", "available"), List.copyOf(granted.getMap("data").keySet()));
    }

    @Test
    void shouldAlertOncePerCrossing() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.0428"); // four IN marketing messages
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"lowBalanceThreshold": {"amount": "0.025", "currency": "USD"}}""")
                .put("/api/customers/{id}/credits/alerts", customerId)
                .then().statusCode(200).body("lowBalanceThreshold.amount", equalTo("0.025"), "status", equalTo("OK"));

        spend(customerId, 4); // 0.0321, 0.0214 (low), 0.0107, 0.0000 (exhausted)
        balance(customerId).body("status", equalTo("EXHAUSTED"));
        grant(customerId, PARTNER, "0.0428"); // re-arms both
        spend(customerId, 2); // 0.0321, 0.0214 (low again)
        balance(customerId).body("status", equalTo("LOW"));

        List<String> expected = List.of("CreditsGranted", "CreditsLow", "CreditsExhausted", "CreditsGranted", "CreditsLow");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        JsonPath low = emitted(customerId, "CreditsLow").get(0);
        assertEquals("0.0214", low.getString("data.available.amount"));
        assertEquals("0.025", low.getString("data.threshold.amount"));
    }

    @Test
    void shouldAlertOnceWhenTheThresholdIsToggledAroundTheBalance() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        // the case: ten toggles above and below the balance are one crossing, not five
        for (int i = 0; i < 10; i++) threshold(customerId, i % 2 == 0 ? "2.00" : "0.50").statusCode(200);
        balance(customerId).body("status", equalTo("OK"), "lowBalanceThreshold.amount", equalTo("0.50"));

        // a credit lifts the balance back to the line: the next raise is a crossing again
        grant(customerId, PARTNER, "5.00");
        threshold(customerId, "10.00").statusCode(200).body("status", equalTo("LOW"));
        threshold(customerId, "20.00").statusCode(200);

        List<String> expected = List.of("CreditsGranted", "CreditsLow", "CreditsGranted", "CreditsLow");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        assertEquals(List.of("2.00", "10.00"),
                emitted(customerId, "CreditsLow").stream().map(low -> low.getString("data.threshold.amount")).toList());
    }

    static io.restassured.response.ValidatableResponse threshold(UUID customerId, String amount) {
        return given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"lowBalanceThreshold": {"amount": "%s", "currency": "USD"}}""".formatted(amount))
                .put("/api/customers/{id}/credits/alerts", customerId).then();
    }

    @Test
    void shouldAnswer404ToOtherTenantsAndSpendNothing() {
        UUID customerId = customer(PARTNER), otherCustomer = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");

        given().auth().oauth2(Tokens.desk(otherCustomer)).get("/api/customers/{id}/credits", customerId).then().statusCode(404)
                .body("detail", containsString("No credit account"));
        debit(Tokens.desk(otherCustomer), customerId, message("wamid.stolen", "IN", "MARKETING")).statusCode(404);
        given().auth().oauth2(Tokens.partner(UUID.randomUUID())).get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(404);
        given().get("/api/customers/{id}/credits", customerId).then().statusCode(401);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/credits", customerId).then().statusCode(200);
        given().auth().oauth2(Tokens.ops()).get("/api/customers/{id}/credits", customerId).then().statusCode(200);

        assertEquals(new BigDecimal("1.0000"), available(customerId));
    }

    @Test
    void shouldPageFilterAndExportTheLedger() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        spend(customerId, 3);

        given().auth().oauth2(Tokens.partner(PARTNER)).queryParam("size", 2)
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200)
                .body("total", equalTo(4), "items", hasSize(2), "items[0].type", equalTo("DEBIT"),
                        "items[0].amount.amount", equalTo("-0.0107"), "items[0].balanceAfter.amount", equalTo("0.9679"),
                        "items[0].reference", startsWith("message:"));
        given().auth().oauth2(Tokens.partner(PARTNER)).queryParam("type", "GRANT")
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200)
                .body("total", equalTo(1), "items[0].amount.amount", equalTo("1.00"));
        given().auth().oauth2(Tokens.partner(PARTNER)).queryParam("from", Instant.now().plusSeconds(60).toString())
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200).body("total", equalTo(0));

        String csv = given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/csv")
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("createdAt,type,amount,balanceAfter,currency,reference,description,postpaid", lines.get(0));
        assertEquals(5, lines.size());
        assertEquals(true, lines.get(4).contains(",GRANT,1.0000,1.0000,USD,"), lines.get(4));
        assertEquals(true, lines.get(1).endsWith(",0.0000"), lines.get(1));
    }

    @Test
    void shouldLetOnlyOpsAdjustWithAReason() {
        UUID customerId = customer(PARTNER);
        String body = """
                {"amount": {"amount": "1.50", "currency": "USD"}, "reason": "Goodwill for the outage of 3 March"}""";

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body(body)
                .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(403);
        for (int i = 0; i < 2; i++) { // a retry with the same key applies once
            given().auth().oauth2(Tokens.ops()).header("Idempotency-Key", "adj-" + customerId).contentType(ContentType.JSON).body(body)
                    .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(201)
                    .body("available.amount", equalTo("1.50"));
        }
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "-2", "currency": "USD"}, "reason": "too much"}""")
                .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(402);
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "1", "currency": "USD"}}""")
                .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(400)
                .body("violations.field", hasItem("reason"));

        assertEquals(1, entries(customerId, LedgerEntry.Type.ADJUSTMENT));
        assertEquals(new BigDecimal("1.5000"), available(customerId));
    }

    @Test
    void shouldRefuseAnotherAdjustmentUnderAKeyAlreadyUsed() {
        UUID customerId = customer(PARTNER);
        String key = "adj-other-" + customerId;
        adjust(key, customerId, "1.50", "Goodwill").statusCode(201).body("available.amount", equalTo("1.50"));

        // the same key with another amount, or another reason: 422, and nothing more is applied
        adjust(key, customerId, "15.00", "Goodwill").statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key already made another adjustment"));
        adjust(key, customerId, "1.50", "Another goodwill").statusCode(422);
        adjust(key, customerId, "1.50", "Goodwill").statusCode(201).body("available.amount", equalTo("1.50")); // the retry

        assertEquals(1, entries(customerId, LedgerEntry.Type.ADJUSTMENT));
        assertEquals(new BigDecimal("1.5000"), available(customerId));
    }

    @Test
    void shouldRecordTheLongestReasonOfADatedCredit() {
        UUID customerId = customer(PARTNER);
        String reason = "r".repeat(300);
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "2.00", "currency": "USD"}, "reason": "%s", "expiresAt": "%s"}"""
                        .formatted(reason, Instant.now().plus(Duration.ofDays(3650)).toString()))
                .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(201)
                .body("available.amount", equalTo("2.00"), "expiring.amount", equalTo("2.00"));
        given().auth().oauth2(Tokens.ops()).queryParam("type", "ADJUSTMENT").get("/api/customers/{id}/credits/ledger", customerId)
                .then().statusCode(200).body("items[0].description", startsWith(reason + ", valid until "));
    }

    private static io.restassured.response.ValidatableResponse adjust(String key, UUID customerId, String amount, String reason) {
        return given().auth().oauth2(Tokens.ops()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "%s", "currency": "USD"}, "reason": "%s"}""".formatted(amount, reason))
                .post("/api/customers/{id}/credits/adjustments", customerId).then();
    }

    @Test
    void shouldApplyAnAdjustmentOnceWhenItsRetriesRaceIt() throws Exception {
        UUID customerId = customer(PARTNER);
        String body = """
                {"amount": {"amount": "2.5000", "currency": "USD"}, "reason": "goodwill"}""";
        ExecutorService ops = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonPath>> sent = IntStream.range(0, 8).mapToObj(i -> ops.submit(() -> given().auth().oauth2(Tokens.ops())
                    .header("Idempotency-Key", "race-" + customerId).contentType(ContentType.JSON).body(body)
                    .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(201).extract().jsonPath())).toList();
            // every retry answers the balance as the first left it, read under the lock (never the 0.0000 from before it)
            for (Future<JsonPath> answer : sent) assertEquals("2.50", answer.get().getString("available.amount"));
        } finally {
            ops.shutdown();
        }

        assertEquals(1, entries(customerId, LedgerEntry.Type.ADJUSTMENT));
        assertEquals(new BigDecimal("2.5000"), available(customerId));
        assertEquals(available(customerId), ledgerSum(customerId));
    }
}
