package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Change Card, the masked card, Remove Card: what the portal relies on. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CardsTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        CardNumberLeaks.markStartOfRun();
    }

    @AfterEach
    void noFullCardNumberAnywhere() {
        CardNumberLeaks.assertNowhere();
    }

    @Test
    void shouldKeepOnlyTheTokenAndTheMaskedCardAndAnnounceIt() {
        UUID customerId = Fixture.customerOf(PARTNER);

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body(Fixture.cardBody("4242 4242 4242 4242"))
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(200)
                .body("brand", equalTo("VISA"), "last4", equalTo("4242"), "expMonth", equalTo(12), "expYear", equalTo(2035),
                        "holderName", equalTo("Ann Lee"), "payer", equalTo("PARTNER"), "number", nullValue(), "cvc", nullValue());

        given().auth().oauth2(Tokens.ops()).get("/api/customers/{id}/card", customerId)
                .then().statusCode(200).body("last4", equalTo("4242"), "brand", equalTo("VISA"));
        assertTrue(Fixture.card(customerId).gatewayToken.startsWith("tok_sandbox_"));

        JsonPath event = Fixture.awaitOne(customerId, "CardUpdated");
        assertEquals(customerId.toString(), event.getString("customerId"));
        assertEquals("4242", event.getString("last4"));
        assertEquals("PARTNER", event.getString("payer"));
        // the data is the record's fields and nothing else: its type is the envelope's, not a key of the data
        JsonPath envelope = Events.BILLING_EVENTS.recordsWithKey(customerId.toString()).stream()
                .map(record -> JsonPath.from(record.value())).filter(e -> "CardUpdated".equals(e.getString("type")))
                .findFirst().orElseThrow();
        assertEquals(Set.of("customerId", "brand", "last4", "expMonth", "expYear", "payer"), envelope.getMap("data").keySet());
    }

    @Test
    void shouldDetachTheOldCardWhenTheCardChanges() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        String oldToken = Fixture.card(customerId).gatewayToken;

        Fixture.putCard(PARTNER, customerId, "5555555555554444");

        assertEquals("5555555555554444".substring(12), Fixture.card(customerId).last4);
        assertNotEquals(oldToken, Fixture.card(customerId).gatewayToken);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Fixture.count("select count(*) from sandbox_gateway_card where token = ?1 and detached_at is not null", oldToken) == 1);
    }

    @Test
    void shouldRefuseANumberThatFailsTheCheckDigitAndStoreNothing() {
        UUID customerId = Fixture.customerOf(PARTNER);

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body(Fixture.cardBody("4242424242424241"))
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("number"), "detail", containsString("check digit"),
                        "detail", not(containsString("42424242")));

        assertEquals(null, Fixture.card(customerId));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/card", customerId)
                .then().statusCode(404).body("detail", containsString("no card on file"));
        assertTrue(Fixture.published(customerId, "CardUpdated").isEmpty());
    }

    @Test
    void shouldRefuseAnExpiredCardButAcceptOneExpiringThisMonth() {
        UUID customerId = Fixture.customerOf(PARTNER);
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth last = now.minusMonths(1);

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"number": "4242424242424242", "expMonth": %d, "expYear": %d, "cvc": "123", "holderName": "Ann Lee", "billingCountry": "GB"}"""
                        .formatted(last.getMonthValue(), last.getYear()))
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(422).body("violations[0].field", equalTo("expYear"), "detail", containsString("expired"));
        assertEquals(null, Fixture.card(customerId));

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"number": "4242424242424242", "expMonth": %d, "expYear": %d, "cvc": "123", "holderName": "Ann Lee", "billingCountry": "GB"}"""
                        .formatted(now.getMonthValue(), now.getYear()))
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(200).body("expMonth", equalTo(now.getMonthValue()));
    }

    @Test
    void shouldNameEveryBadFieldAndStoreNothing() {
        UUID customerId = Fixture.customerOf(PARTNER);

        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"number": "4242424242424242", "expMonth": 13, "expYear": 2035, "cvc": "12", "holderName": "", "billingCountry": "gb"}""")
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("expMonth", "cvc", "holderName", "billingCountry"),
                        "detail", not(containsString("4242424242424242")));
        assertEquals(null, Fixture.card(customerId));
    }

    @Test
    void shouldAnswerAnotherPartnersCustomerAsUnknown() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");

        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/card", customerId).then().statusCode(404);
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).contentType(ContentType.JSON).body(Fixture.cardBody("5555555555554444"))
                .put("/api/customers/{id}/card", customerId).then().statusCode(404);
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).delete("/api/customers/{id}/card", customerId).then().statusCode(404);
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/card", customerId).then().statusCode(403);
        given().get("/api/customers/{id}/card", customerId).then().statusCode(401);
        assertEquals("4242", Fixture.card(customerId).last4);
    }

    @Test
    void shouldRemoveTheCardAndAnnounceIt() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        // only prepaid add-ons: nothing is charged after use
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.licenseUpdated(customerId, PARTNER,
                "[{\"code\": \"IM_CREDITS\", \"kind\": \"PREPAID\", \"quantity\": 1}]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from active_add_on where customer_id = ?1", customerId) == 1);

        given().auth().oauth2(Tokens.partner(PARTNER)).delete("/api/customers/{id}/card", customerId).then().statusCode(204);

        assertEquals(null, Fixture.card(customerId));
        assertEquals(customerId.toString(), Fixture.awaitOne(customerId, "CardRemoved").getString("customerId"));
        given().auth().oauth2(Tokens.partner(PARTNER)).delete("/api/customers/{id}/card", customerId).then().statusCode(404);
    }

    @Test
    void shouldRefuseACardThatDeclinesWhileAddOnsBillToTheCardAndKeepTheOldOne() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.licenseUpdated(customerId, PARTNER,
                "[{\"code\": \"WA_OVERAGE\", \"kind\": \"POSTPAID\", \"quantity\": 1}]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from active_add_on where customer_id = ?1", customerId) == 1);
        String tokenOnFile = Fixture.card(customerId).gatewayToken;

        for (String[] declining : new String[][]{{"4000000000000002", "DECLINED"}, {"4000000000009995", "INSUFFICIENT_FUNDS"},
                {"4000000000000069", "EXPIRED_CARD"}}) {
            given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body(Fixture.cardBody(declining[0]))
                    .put("/api/customers/{id}/card", customerId)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("title", equalTo("Card Declined"), "detail", containsString("(" + declining[1] + ")"),
                            "detail", containsString("The card on file is unchanged"), "violations[0].message", equalTo(declining[1]));
        }
        assertEquals(tokenOnFile, Fixture.card(customerId).gatewayToken, "the old card stays on file");
        assertEquals(0, Fixture.count("select count(*) from sandbox_gateway_charge where token = ?1", tokenOnFile), "an authorization takes nothing");

        Fixture.putCard(PARTNER, customerId, "5555 5555 5555 4444"); // a card that authorizes replaces it
        assertEquals("4444", Fixture.card(customerId).last4);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.published(customerId, "CardUpdated").size() == 2);
        assertEquals(java.util.List.of("4242", "4444"), Fixture.published(customerId, "CardUpdated").stream().map(e -> e.getString("last4")).toList(),
                "no CardUpdated for a refused card");
    }

    @Test
    void shouldTakeAnyValidCardWhileNothingBillsToItAfterUse() {
        UUID customerId = Fixture.customerOf(PARTNER);
        // no post-paid or standard add-on: a declining card shows itself at the next purchase, as before
        Fixture.putCard(PARTNER, customerId, "4000000000000002");
        assertEquals("0002", Fixture.card(customerId).last4);
    }

    @Test
    void shouldRefuseToRemoveACardThatPostpaidAddOnsNeed() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.licenseUpdated(customerId, PARTNER, """
                [{"code": "IM_CREDITS", "kind": "PREPAID", "quantity": 1}, {"code": "WA_OVERAGE", "kind": "POSTPAID", "quantity": 1}]"""));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from active_add_on where customer_id = ?1", customerId) == 2);

        given().auth().oauth2(Tokens.partner(PARTNER)).delete("/api/customers/{id}/card", customerId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("WA_OVERAGE (POSTPAID)"), "detail", containsString("Change Card"));

        assertEquals("4242", Fixture.card(customerId).last4);
        assertTrue(Fixture.published(customerId, "CardRemoved").isEmpty());

        // the add-on is dropped: now the card may go
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.licenseUpdated(customerId, PARTNER, "[]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from active_add_on where customer_id = ?1", customerId) == 0);
        given().auth().oauth2(Tokens.partner(PARTNER)).delete("/api/customers/{id}/card", customerId).then().statusCode(204);
    }
}
