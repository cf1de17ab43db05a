package io.imcredits.subscription;

import static io.imcredits.subscription.Saga.registerCustomer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The catalog, the subscription a partner checks, and quotes: the "re-check all the entered values" step. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class QuoteTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    /** The keys of money in every answer and event: {"amount": "51.50", "currency": "USD"}. */
    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static long rows(String table, UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager()
                .createNativeQuery("select count(*) from " + table + " where customer_id = ?1").setParameter(1, customerId)
                .getSingleResult()).longValue());
    }

    static ValidatableResponse postQuote(UUID partnerId, UUID customerId, String body) {
        return given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON).body(body)
                .post("/api/customers/{id}/quotes", customerId).then();
    }

    @Test
    void shouldListThePlansAndAddOnsWithTheirPrices() {
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/plans").then().statusCode(200)
                .body("plans.code", hasItems("STANDARD", "PROFESSIONAL", "ENTERPRISE"))
                .body("plans.find { it.code == 'PROFESSIONAL' }.rank", equalTo(2))
                .body("plans.find { it.code == 'PROFESSIONAL' }.prices.find { it.currency == 'USD' }.monthly.amount", equalTo("23.00"))
                .body("plans.find { it.code == 'PROFESSIONAL' }.prices.find { it.currency == 'EUR' }.yearly.amount", equalTo("210.00"))
                .body("addOns.find { it.code == 'IM_CREDITS' }.kind", equalTo("PREPAID"))
                .body("addOns.find { it.code == 'IM_CREDITS' }.prices.find { it.currency == 'USD' }.perUnit.amount", equalTo("2.00"))
                .body("addOns.find { it.code == 'IM_CREDITS' }.feePercent", equalTo(3))
                .body("addOns.find { it.code == 'IM_CREDITS' }.minQuantity", equalTo(10))
                .body("addOns.find { it.code == 'WHATSAPP_NUMBER' }.kind", equalTo("STANDARD"))
                .body("addOns.find { it.code == 'IM_OVERAGE' }.kind", equalTo("POSTPAID"));
        given().get("/api/plans").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldOpenTheSubscriptionFromCustomerRegisteredAndShowItOnlyToItsPartner() {
        UUID customerId = registerCustomer(PARTNER, "PROFESSIONAL", 5, "EUR");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // the first period is the 15-day trial; the renewal at its end is the first charge

        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/subscription", customerId).then().statusCode(200)
                .body("planCode", equalTo("PROFESSIONAL"), "agents", equalTo(5), "currency", equalTo("EUR"),
                        "billingCycle", equalTo("MONTHLY"), "status", equalTo("ACTIVE"), "addOns", hasSize(0),
                        "currentPeriodStart", equalTo(today.toString()),
                        "currentPeriodEnd", equalTo(today.plusDays(15).toString()),
                        "renewalDate", equalTo(today.plusDays(15).toString()), "cardOnFile", equalTo(false),
                        "standing", equalTo("ACTIVE"), "nextRenewal.amount.amount", equalTo("105.00"), "scheduledChange", nullValue());
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/subscription", customerId).then()
                .statusCode(404).body("detail", equalTo("No customer " + customerId));
        postQuote(OTHER_PARTNER, customerId, "{\"imCredits\": 25}").statusCode(404);
        assertEquals(0, rows("quote", customerId));
    }

    @Test
    void shouldQuoteCreditsWithTheFeeTheTotalAndAnExpiry() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        Instant before = Instant.now();

        String location = postQuote(PARTNER, customerId, "{\"imCredits\": 25}").statusCode(201)
                .body("lines", hasSize(1), "lines[0].code", equalTo("IM_CREDITS"), "lines[0].quantity", equalTo(25),
                        "lines[0].unitPrice.amount", equalTo("2.00"), "lines[0].amount.amount", equalTo("50.00"),
                        "subtotal.amount", equalTo("50.00"), "fee.amount", equalTo("1.50"),
                        "total.amount", equalTo("51.50"), "total.currency", equalTo("USD"))
                .extract().header("Location");
        String expiresAt = given().auth().oauth2(Tokens.partner(PARTNER)).get(location).then().statusCode(200)
                .body("total.amount", equalTo("51.50")).extract().path("expiresAt");
        Duration validFor = Duration.between(before, Instant.parse(expiresAt));
        assertEquals(15, Math.round(validFor.toSeconds() / 60.0), "a quote is valid for 15 minutes, not " + validFor);
    }

    /** Money is amount and currency only, in every answer that carries it (no zero, negative or other helper). */
    @Test
    void shouldWriteMoneyAsAmountAndCurrencyOnly() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        JsonPath created = postQuote(PARTNER, customerId, "{\"planCode\": \"PROFESSIONAL\", \"imCredits\": 25}").statusCode(201)
                .extract().jsonPath();
        JsonPath read = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/quotes/{quoteId}", customerId,
                created.getString("id")).then().statusCode(200).extract().jsonPath();
        for (JsonPath quote : List.of(created, read)) {
            for (String money : List.of("subtotal", "fee", "total", "creditBalance", "lines[0].unitPrice", "lines[0].amount",
                    "lines[1].unitPrice", "lines[1].amount")) {
                assertEquals(Saga.MONEY, quote.getMap(money).keySet(), money);
            }
        }
        JsonPath catalog = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/plans").then().statusCode(200).extract().jsonPath();
        for (String money : List.of("plans[0].prices[0].monthly", "plans[0].prices[0].yearly",
                "addOns.find { it.code == 'IM_CREDITS' }.prices[0].perUnit")) {
            assertEquals(Saga.MONEY, catalog.getMap(money).keySet(), money);
        }
    }

    @Test
    void shouldShowHowAMidPeriodUpgradeWasProrated() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        // in the trial an upgrade pays the days left of a month: the period is the month that ends with the trial
        LocalDate trialEnd = LocalDate.parse(Saga.subscription(PARTNER, customerId).getString("currentPeriodEnd"));
        long left = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.now(ZoneOffset.UTC), trialEnd);
        long days = java.time.temporal.ChronoUnit.DAYS.between(trialEnd.minusMonths(1), trialEnd);
        String agents = Money.ofRatio(new java.math.BigDecimal("46.00").multiply(java.math.BigDecimal.valueOf(left)), java.math.BigDecimal.valueOf(days), "USD")
                .amount().toPlainString();
        String total = java.util.stream.Stream.of("27.00", "46.00", "20.00") // each line is rounded once
                .map(full -> Money.ofRatio(new java.math.BigDecimal(full).multiply(java.math.BigDecimal.valueOf(left)), java.math.BigDecimal.valueOf(days),
                        "USD"))
                .reduce(Money.zero("USD"), Money::plus).amount().toPlainString();

        postQuote(PARTNER, customerId, """
                {"planCode": "PROFESSIONAL", "agents": 5, "addOns": [{"code": "WHATSAPP_NUMBER", "quantity": 2}]}""").statusCode(201)
                .body("lines.code", hasItems("PROFESSIONAL", "AGENTS", "WHATSAPP_NUMBER"))
                .body("proration.daysLeft", equalTo((int) left), "proration.daysInPeriod", equalTo((int) days))
                // a whole period would be 9.00 × 3 + 23.00 × 2 + 10.00 × 2 = 93.00; 15 days of it are left
                .body("fee.amount", equalTo("0.00"), "total.amount", equalTo(total))
                .body("lines.find { it.code == 'AGENTS' }.calculation", equalTo("23.00 × 2 licenses × " + left + "/" + days + " days = " + agents));
    }

    @Test
    void shouldRefuseADowngradeAnUnknownPlanOrAddOnAQuantityOutOfRangeOrNoChangeAndStoreNothing() {
        UUID customerId = registerCustomer(PARTNER, "PROFESSIONAL", 5, "USD");

        postQuote(PARTNER, customerId, "{\"planCode\": \"STANDARD\"}").statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("STANDARD is a downgrade from PROFESSIONAL"), "violations[0].field", equalTo("planCode"));
        postQuote(PARTNER, customerId, "{\"planCode\": \"GOLD\"}").statusCode(422).body("detail", containsString("no plan GOLD"));
        postQuote(PARTNER, customerId, "{\"addOns\": [{\"code\": \"FAX_LINE\", \"quantity\": 1}]}").statusCode(422)
                .body("violations[0].field", equalTo("addOns[FAX_LINE].code"));
        postQuote(PARTNER, customerId, "{\"addOns\": [{\"code\": \"WHATSAPP_NUMBER\", \"quantity\": 21}]}").statusCode(422)
                .body("detail", containsString("between 0 and 20"));
        postQuote(PARTNER, customerId, "{\"imCredits\": 9}").statusCode(422)
                .body("violations[0].field", equalTo("imCredits"), "detail", containsString("between 10 and 10000"));
        postQuote(PARTNER, customerId, "{\"agents\": 4}").statusCode(422).body("violations[0].field", equalTo("agents"));
        postQuote(PARTNER, customerId, "{\"planCode\": \"PROFESSIONAL\", \"agents\": 5}").statusCode(422)
                .body("detail", containsString("changes nothing"));
        postQuote(PARTNER, customerId, "{\"agents\": -1, \"imCredits\": \"lots\"}").statusCode(400)
                .body("detail", containsString("imCredits"));
        postQuote(PARTNER, customerId, "{\"agents\": 0, \"addOns\": [{\"quantity\": 1}]}").statusCode(400)
                .body("violations.field", hasItems("agents", "addOns[0].code"));

        assertEquals(0, rows("quote", customerId), "a refused quote is not stored");
        assertEquals(0, rows("outbox", customerId), "a quote emits nothing");
    }

    /** A list far too long is refused as a whole, before its elements are looked at (25,000 add-ons answered 3.9 MB). */
    @Test
    void shouldRefuseTooManyAddOnsWithOneViolationWhateverTheyHold() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        String body = "{\"addOns\": [" + String.join(", ", Collections.nCopies(25_000, "{\"code\": \"x\", \"quantity\": -1}")) + "]}";
        assertTrue(body.length() > 700_000, "a 700 KB quote");
        String answer = postQuote(PARTNER, customerId, body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("addOns")), "detail", equalTo("addOns: size must be between 0 and 20"))
                .extract().asString();
        assertTrue(answer.length() < 500, answer.length() + " characters: " + answer);
        // 20 passes the size check and meets the next rule: each add-on once
        postQuote(PARTNER, customerId, "{\"addOns\": [" + String.join(", ", Collections.nCopies(20, "{\"code\": \"WHATSAPP_NUMBER\", \"quantity\": 1}")) + "]}")
                .statusCode(422).body("detail", containsString("WHATSAPP_NUMBER more than once"));
        assertEquals(0, rows("quote", customerId), "a refused quote is not stored");
    }

    /** However many fields are wrong, the answer lists the first 20 by field and counts the rest. */
    @Test
    void shouldListAtMostTwentyViolationsAndCountTheRest() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        // 20 add-ons with two bad fields each, and three bad fields of the quote: 43 violations
        String body = "{\"planCode\": \"x\", \"agents\": 0, \"imCredits\": -1, \"addOns\": ["
                + String.join(", ", Collections.nCopies(20, "{\"code\": \"x\", \"quantity\": -1}")) + "]}";
        postQuote(PARTNER, customerId, body).statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(20), "moreViolations", equalTo(23), "violations[0].field", equalTo("addOns[0].code"),
                        "detail", endsWith("; and 23 more"));
        // all listed when they fit: no count
        postQuote(PARTNER, customerId, "{\"planCode\": \"x\", \"agents\": 0, \"imCredits\": -1}").statusCode(400)
                .body("violations.field", equalTo(List.of("agents", "imCredits", "planCode")), "moreViolations", nullValue());
        assertEquals(0, rows("quote", customerId), "a refused quote is not stored");
    }

    @Test
    void shouldRefuseACustomerWhoseCurrencyHasNoPrice() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 2, "GBP");
        postQuote(PARTNER, customerId, "{\"agents\": 3}").statusCode(422)
                .body("violations[0].field", equalTo("currency"), "detail", containsString("no price in GBP"));
    }
}
