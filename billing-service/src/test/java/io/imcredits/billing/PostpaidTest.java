package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Post-paid usage from credits-service, charged once per period with an itemized invoice. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class PostpaidTest {

    static final UUID PARTNER = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        CardNumberLeaks.markStartOfRun();
    }

    @AfterEach
    void noFullCardNumberAnywhere() {
        CardNumberLeaks.assertNowhere();
    }

    static void recordUsage(UUID customerId, String... amounts) {
        for (String amount : amounts) {
            UUID eventId = UUID.randomUUID(), usageId = UUID.randomUUID();
            String usage = Events.postpaidUsageRecorded(eventId, usageId, customerId, PARTNER, amount);
            Events.CREDITS_EVENTS.send(customerId.toString(), usage);
            Events.CREDITS_EVENTS.send(customerId.toString(), usage); // redelivered: recorded once
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixture.count("select count(*) from postpaid_usage where customer_id = ?1", customerId) == amounts.length);
    }

    static String closePeriod(UUID customerId) {
        return given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body("{\"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close")
                .then().statusCode(200).body("charges", hasSize(1))
                .extract().path("charges[0].chargeId");
    }

    static Charge charge(String chargeId) {
        return QuarkusTransaction.requiringNew().call(() -> Charge.findById(UUID.fromString(chargeId)));
    }

    @Test
    void shouldChargeThePeriodsUsageOnceWithAnItemizedInvoice() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "0.0147", "0.0250", "1.2000");

        String chargeId = closePeriod(customerId);

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        UUID invoiceId = charge(chargeId).invoiceId;
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200)
                .body("lines", hasSize(3), "lines[0].code", equalTo("POSTPAID_USAGE"), "total.amount", equalTo("1.2397"),
                        "status", equalTo("PAID"), "payer", equalTo("PARTNER"));
        assertEquals(invoiceId.toString(), Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId"));
        assertTrue(Fixture.published(customerId, "PaymentSucceeded").isEmpty(), "no order: subscription-service is not told");

        // closing again finds nothing left to charge
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body("{\"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close").then().statusCode(200).body("charges", hasSize(0));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body("{}")
                .post("/api/billing-periods/close").then().statusCode(403);
    }

    @Test
    void shouldMarkTheCustomerPastDueUntilARetriedChargeSucceeds() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000000000009995");
        recordUsage(customerId, "3.5000");

        String chargeId = closePeriod(customerId);

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).failureReason != null);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200)
                .body("status", equalTo("PAST_DUE"), "pastDue[0].chargeId", equalTo(chargeId),
                        "pastDue[0].reason", equalTo("INSUFFICIENT_FUNDS"), "pastDue[0].amount.amount", equalTo("3.50"));

        Fixture.putCard(PARTNER, customerId, "4242424242424242"); // the partner acts on it

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        assertTrue(charge(chargeId).attempts >= 2);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200).body("status", equalTo("OK"), "pastDue", hasSize(0));
        given().auth().oauth2(Tokens.partner(UUID.randomUUID())).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(404);
    }
}
