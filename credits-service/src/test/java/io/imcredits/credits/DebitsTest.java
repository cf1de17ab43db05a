package io.imcredits.credits;

import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.SUBSCRIPTION_EVENTS;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.emitted;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Desk debiting the price of a message, against the real database and broker: prices, repeats, refusals and post-paid overage. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class DebitsTest {

    static final UUID PARTNER = UUID.randomUUID();

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldDebitThePriceFromTheRateCard() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "4.00");
        // a rate published by ops takes effect on its day: here, now
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"channel": "WHATSAPP", "country": "XT", "category": "MARKETING", "currency": "USD", "price": "0.0125",
                         "effectiveFrom": "%s"}""".formatted(Instant.now().minusSeconds(1)))
                .post("/api/rate-card").then().statusCode(201).body("price.amount", equalTo("0.0125"));

        debit(Tokens.desk(customerId), customerId, message("wamid.first", "XT", "MARKETING"))
                .statusCode(201).body("price.amount", equalTo("0.0125"), "available.amount", equalTo("3.9875"),
                        "available.currency", equalTo("USD"), "repeated", equalTo(false));
        debit(Tokens.desk(customerId), customerId, """
                {"messageId": "wamid.second", "channel": "WHATSAPP", "to": "+5511987654321", "category": "MARKETING"}""")
                .statusCode(201).body("price.amount", equalTo("0.0625"), "available.amount", equalTo("3.925"));
        debit(Tokens.desk(customerId), customerId, """
                {"messageId": "wamid.third", "channel": "WHATSAPP", "country": "IN", "category": "UTILITY", "window": "CUSTOMER_SERVICE"}""")
                .statusCode(201).body("price.amount", equalTo("0.00"), "available.amount", equalTo("3.925"));

        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits", customerId).then().statusCode(200)
                .body("available.amount", equalTo("3.925"), "held.amount", equalTo("0.00"), "status", equalTo("OK"),
                        "lowBalanceThreshold.amount", equalTo("0.00"));
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldSpendOnceForARepeatedMessageId() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.0107");
        String body = message("wamid.again", "IN", "MARKETING");

        debit(Tokens.desk(customerId), customerId, body).statusCode(201).body("available.amount", equalTo("0.00"));
        // the retry comes after the balance ran out: it still gets the first answer, not a refusal
        debit(Tokens.desk(customerId), customerId, body).statusCode(200)
                .body("price.amount", equalTo("0.0107"), "available.amount", equalTo("0.00"), "repeated", equalTo(true));

        assertEquals(1, entries(customerId, LedgerEntry.Type.DEBIT));
        assertEquals(new BigDecimal("0.0000"), available(customerId));
    }

    @Test
    void shouldRefuseADebitBeyondTheBalanceAndChangeNothing() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.01");

        debit(Tokens.desk(customerId), customerId, message("wamid.toodear", "BR", "MARKETING"))
                .statusCode(402).contentType("application/problem+json")
                .body("status", equalTo(402), "detail", containsString("Not enough credits"),
                        "available.amount", equalTo("0.01"), "price.amount", equalTo("0.0625"));

        assertEquals(new BigDecimal("0.0100"), available(customerId));
        assertEquals(0, entries(customerId, LedgerEntry.Type.DEBIT));
    }

    @Test
    void shouldRefuseABadDebitNamingTheFieldAndStoreNothing() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String desk = Tokens.desk(customerId);

        debit(desk, customerId, """
                {"messageId": "m1", "channel": "WHATSAPP", "country": "IN"}""")
                .statusCode(400).body("violations.field", hasItem("category"));
        debit(desk, customerId, """
                {"messageId": "m1", "channel": "WHATSAPP", "to": "0044 20 7946", "category": "MARKETING"}""")
                .statusCode(400).body("violations.field", hasItem("to"), "detail", containsString("E.164"));
        debit(desk, customerId, """
                {"messageId": "m1", "channel": "WHATSAPP", "category": "MARKETING"}""")
                .statusCode(400).body("violations.field", hasItem("destination"));
        debit(desk, customerId, """
                {"messageId": "m1", "channel": "SMS", "country": "IN", "category": "MARKETING"}""")
                .statusCode(400).body("detail", containsString("'channel'"));
        debit(desk, customerId, """
                {"channel": "WHATSAPP", "country": "IN", "category": "MARKETING"}""")
                .statusCode(400).body("violations.field", hasItem("messageId"));

        assertEquals(0, entries(customerId, LedgerEntry.Type.DEBIT));
        assertEquals(new BigDecimal("1.0000"), available(customerId));
    }

    @Test
    void shouldPriceByTheNumbersCountryAndRefuseACountryThatDisagrees() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String desk = Tokens.desk(customerId);

        // the case: a German number declared as Indian would be priced at 0.0107 instead of 0.1365
        debit(desk, customerId, """
                {"messageId": "wamid.de-as-in", "channel": "WHATSAPP", "to": "+4915112345678", "country": "IN", "category": "MARKETING"}""")
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("+4915112345678 is in DE, not IN"));
        given().auth().oauth2(desk).contentType(ContentType.JSON).body("""
                {"messageId": "wamid.hold-de-as-in", "channel": "WHATSAPP", "to": "+4915112345678", "country": "IN", "category": "MARKETING"}""")
                .post("/api/customers/{id}/credits/holds", customerId).then().statusCode(422);
        assertEquals(0, entries(customerId, LedgerEntry.Type.DEBIT));

        debit(desk, customerId, """
                {"messageId": "wamid.de", "channel": "WHATSAPP", "to": "+4915112345678", "category": "MARKETING"}""")
                .statusCode(201).body("price.amount", equalTo("0.1365"));
        debit(desk, customerId, """
                {"messageId": "wamid.de2", "channel": "WHATSAPP", "to": "+4915112345678", "country": "DE", "category": "MARKETING"}""")
                .statusCode(201).body("price.amount", equalTo("0.1365"));
        assertEquals(2, entries(customerId, LedgerEntry.Type.DEBIT));
    }

    @Test
    void shouldAllowOverageOnlyWithThePostpaidAddOnAndRecordIt() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.01");
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "POSTPAID"));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).overageLimit.signum() > 0);

        // the balance pays what it has (0.0100), the rest is post-paid usage; the balance stays at zero
        debit(Tokens.desk(customerId), customerId, message("wamid.over", "BR", "MARKETING"))
                .statusCode(201).body("available.amount", equalTo("0.00"), "overage.amount", equalTo("0.0525"));

        await().atMost(PATIENCE).until(() -> !emitted(customerId, "PostpaidUsageRecorded").isEmpty());
        JsonPath usage = emitted(customerId, "PostpaidUsageRecorded").get(0);
        assertEquals("wamid.over", usage.getString("data.messageId"));
        assertEquals("0.0525", usage.getString("data.amount.amount"));
        assertEquals("BR", usage.getString("data.country"));
        assertEquals("MARKETING", usage.getString("data.category"));
        assertEquals(1, emitted(customerId, "CreditsExhausted").size());

        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "STANDARD"));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).overageLimit.signum() == 0);
        debit(Tokens.desk(customerId), customerId, message("wamid.over2", "IN", "UTILITY")).statusCode(402);
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldServeTheRateCardForTenCountriesAndADefault() {
        given().auth().oauth2(Tokens.desk(UUID.randomUUID())).queryParam("country", "IN").queryParam("currency", "USD")
                .get("/api/rate-card").then().statusCode(200)
                .body("size()", equalTo(3), "find { it.category == 'MARKETING' }.price.amount", equalTo("0.0107"),
                        "[0].effectiveFrom", equalTo("2025-07-01T00:00:00Z"));
        List<String> countries = given().auth().oauth2(Tokens.ops()).queryParam("channel", "WHATSAPP").get("/api/rate-card")
                .then().statusCode(200).extract().jsonPath().getList("country", String.class);
        assertEquals(true, countries.contains("*"));
        assertEquals(true, countries.stream().distinct().count() >= 11, countries.toString());
    }
}
