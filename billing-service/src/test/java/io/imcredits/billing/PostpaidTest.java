package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Post-paid usage from credits-service, charged once per period with an itemized invoice. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class PostpaidTest {

    static final UUID PARTNER = UUID.randomUUID();

    @Inject
    PostpaidCloses postpaid;

    @Inject
    DataSource db;

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
        long before = Fixture.count("select count(*) from postpaid_usage where customer_id = ?1", customerId);
        for (String amount : amounts) {
            UUID eventId = UUID.randomUUID(), usageId = UUID.randomUUID();
            String usage = Events.postpaidUsageRecorded(eventId, usageId, customerId, PARTNER, amount);
            Events.CREDITS_EVENTS.send(customerId.toString(), usage);
            Events.CREDITS_EVENTS.send(customerId.toString(), usage); // redelivered: recorded once
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixture.count("select count(*) from postpaid_usage where customer_id = ?1", customerId) == before + amounts.length);
    }

    static String closePeriod(UUID customerId) {
        return given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body("{\"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close")
                .then().statusCode(200).body("charges", hasSize(1))
                .extract().path("charges[0].chargeId");
    }

    /** What the sandbox gateway recorded as charged for the charge's first attempt. */
    static String gatewayAmount(String chargeId) {
        return QuarkusTransaction.requiringNew().call(() -> ((BigDecimal) Charge.getEntityManager()
                .createNativeQuery("select amount from sandbox_gateway_charge where idempotency_key = ?1")
                .setParameter(1, "charge-" + chargeId).getSingleResult()).stripTrailingZeros().setScale(2).toPlainString());
    }

    static Charge charge(String chargeId) {
        return QuarkusTransaction.requiringNew().call(() -> Charge.findById(UUID.fromString(chargeId)));
    }

    @Test
    void shouldChargeThePeriodsUsageOnceInWholeCentsAndCarryTheRemainder() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "0.0147", "0.0250", "1.2000"); // 1.2397 used
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200).body("unbilledUsage.count", equalTo(3), "unbilledUsage.amount.amount", equalTo("1.2397"));

        String chargeId = closePeriod(customerId);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200).body("unbilledUsage.count", equalTo(0), "unbilledUsage.amount", nullValue());

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        UUID invoiceId = charge(chargeId).invoiceId;
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200)
                .body("lines", hasSize(4), "lines[0].code", equalTo("POSTPAID_USAGE"), "lines[0].description", equalTo("Messages"),
                        "lines[3].code", equalTo("CARRIED_OUT"), "lines[3].amount.amount", equalTo("0.0003"),
                        "total.amount", equalTo("1.24"), "status", equalTo("PAID"), "payer", equalTo("PARTNER"));
        assertEquals("1.24", gatewayAmount(chargeId), "half up to whole cents: the gateway never sees a fraction of one");
        assertEquals(invoiceId.toString(), Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId"));
        assertTrue(Fixture.published(customerId, "PaymentSucceeded").isEmpty(), "no order: subscription-service is not told");
        assertTrue(Fixture.published(customerId, "PostpaidChargeSucceeded").isEmpty(), "paid at the first attempt: nothing to recover from");

        // closing again finds nothing left to charge
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body("{\"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close").then().statusCode(200).body("charges", hasSize(0));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body("{}")
                .post("/api/billing-periods/close").then().statusCode(403);
    }

    @Test
    void shouldRefuseToCloseUntilATimeFarAwayNamingIt() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "1.0000");
        // Java reads these instants, PostgreSQL stores none of them (a 500 "timestamp out of range" before)
        for (String until : List.of("+1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", Instant.now().plus(Duration.ofDays(3660)).toString())) {
            given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                    .body("{\"until\": \"%s\", \"customerId\": \"%s\"}".formatted(until, customerId))
                    .post("/api/billing-periods/close").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("until")), "detail", containsString("until: must be within 10 years of now"));
        }
        assertEquals(0, Fixture.count("select count(*) from postpaid_close where customer_id = ?1", customerId));
    }

    @Test
    void shouldTellEveryFailedAttemptAndWhichWasTheLast() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000000000000002");
        recordUsage(customerId, "2.0000");

        String chargeId = closePeriod(customerId);

        // %test.billing.postpaid-retry-schedule=PT1S,PT2S: two retries, so three attempts
        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.FAILED);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.published(customerId, "PostpaidChargeFailed").size() == 3);
        List<JsonPath> failed = Fixture.published(customerId, "PostpaidChargeFailed");
        for (int i = 0; i < 3; i++) {
            JsonPath event = failed.get(i);
            assertEquals(customerId.toString(), event.getString("customerId"));
            assertEquals(chargeId, event.getString("chargeId"));
            assertEquals("2.00", event.getString("amount.amount"));
            assertEquals("DECLINED", event.getString("reason"));
            assertEquals(i + 1, event.getInt("attempt"));
            assertEquals(i == 2, event.getBoolean("finalAttempt"), "attempt " + (i + 1));
        }
        assertEquals(3, charge(chargeId).attempts);
        assertTrue(Fixture.published(customerId, "PostpaidChargeSucceeded").isEmpty());
        // the contract of billing-status is unchanged: past due, no next attempt
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200).body("status", equalTo("PAST_DUE"), "pastDue[0].chargeId", equalTo(chargeId),
                        "pastDue[0].attempts", equalTo(3), "pastDue[0].nextAttemptAt", nullValue());
    }

    @Test
    void shouldRetryAtOnceWithANewCardAndTellThatThePastDueChargeIsPaid() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000000000009995");
        recordUsage(customerId, "3.0000");
        String chargeId = closePeriod(customerId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixture.published(customerId, "PostpaidChargeFailed").isEmpty());
        // as the default schedule has it, the next retry is a day away
        QuarkusTransaction.requiringNew().run(() -> Charge.update("nextAttemptAt = ?1 where id = ?2 and status = ?3",
                Instant.now().plus(Duration.ofDays(1)), UUID.fromString(chargeId), Charge.Status.PENDING));

        Fixture.putCard(PARTNER, customerId, "4242424242424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        JsonPath paid = Fixture.awaitOne(customerId, "PostpaidChargeSucceeded");
        assertEquals(customerId.toString(), paid.getString("customerId"));
        assertEquals(chargeId, paid.getString("chargeId"));
        assertEquals("3.00", paid.getString("amount.amount"));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/billing-status", customerId)
                .then().statusCode(200).body("status", equalTo("OK"));
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

    @Test
    void shouldGroupTheInvoiceByCountryAndCategoryWithTheMessagesAsCsv() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        Instant at = Instant.now().minusSeconds(60);
        List<String> usage = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            usage.add(Events.postpaidUsageRecorded(UUID.randomUUID(), customerId, PARTNER, "wamid.mx" + i, "0.0305", "MX", "MARKETING", at));
        }
        for (int i = 0; i < 3; i++) {
            usage.add(Events.postpaidUsageRecorded(UUID.randomUUID(), customerId, PARTNER, "wamid.us" + i, "0.0040", "US", "UTILITY", at));
        }
        // a message id that a spreadsheet would run as a formula, and an event from before country and category were sent
        usage.add(Events.postpaidUsageRecorded(UUID.randomUUID(), customerId, PARTNER, "=HYPERLINK(\\\"x\\\")", "0.0040", "US", "UTILITY", at));
        usage.add(Events.postpaidUsageRecorded(UUID.randomUUID(), UUID.randomUUID(), customerId, PARTNER, "0.0100"));
        Events.CREDITS_EVENTS.sendAll(customerId.toString(), usage);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from postpaid_usage where customer_id = ?1", customerId) == 25);

        String chargeId = closePeriod(customerId); // 0.61 + 0.016 + 0.01 = 0.636 → 0.64

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        UUID invoiceId = charge(chargeId).invoiceId;
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200)
                .body("lines", hasSize(4),
                        "lines[0].description", equalTo("MARKETING messages to MX"), "lines[0].quantity", equalTo(20),
                        "lines[0].unitPrice.amount", equalTo("0.0305"), "lines[0].amount.amount", equalTo("0.61"),
                        "lines[1].description", equalTo("UTILITY messages to US"), "lines[1].quantity", equalTo(4),
                        "lines[1].amount.amount", equalTo("0.016"),
                        "lines[2].description", equalTo("Messages"), "lines[2].quantity", equalTo(1),
                        "lines[3].code", equalTo("CARRIED_OUT"), "lines[3].amount.amount", equalTo("0.004"),
                        "total.amount", equalTo("0.64"));

        String csv = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}/usage.csv", invoiceId)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> rows = csv.lines().toList();
        assertEquals(26, rows.size(), "a header and one row per message");
        assertEquals("usage_id,message_id,recorded_at,country,category,amount,currency", rows.get(0));
        assertEquals(20, rows.stream().filter(row -> row.contains(",MX,MARKETING,0.0305,USD")).count());
        assertEquals(1, rows.stream().filter(row -> row.contains(",unknown,unknown,0.01,USD")).count());
        assertTrue(rows.stream().anyMatch(row -> row.contains(",\"'=HYPERLINK(\"\"x\"\")\",")), csv);
        given().auth().oauth2(Tokens.partner(UUID.randomUUID())).get("/api/invoices/{id}/usage.csv", invoiceId)
                .then().statusCode(404).contentType(containsString("application/problem+json"));
    }

    @Test
    void shouldCarryAnAmountBelowTheMinimumChargeToTheNextPeriod() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "0.0305", "0.0305", "0.0305"); // three marketing messages to Mexico: 0.0915

        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body("{\"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close")
                .then().statusCode(200).body("charges", hasSize(0), "carried", hasSize(1),
                        "carried[0].carriedToNextPeriod.amount", equalTo("0.0915"));
        assertEquals(0, Fixture.count("select count(*) from charge where customer_id = ?1", customerId), "nothing below 0.50 goes to the card");
        assertEquals(0, Fixture.count("select count(*) from invoice where customer_id = ?1", customerId));

        recordUsage(customerId, "0.4575"); // now 0.549 is owed
        String chargeId = closePeriod(customerId);

        await().atMost(Duration.ofSeconds(30)).until(() -> charge(chargeId).status == Charge.Status.SUCCEEDED);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", charge(chargeId).invoiceId)
                .then().statusCode(200)
                .body("lines", hasSize(3), "lines[1].code", equalTo("CARRIED_IN"), "lines[1].amount.amount", equalTo("0.0915"),
                        "lines[2].code", equalTo("CARRIED_OUT"), "lines[2].amount.amount", equalTo("0.001"),
                        "total.amount", equalTo("0.55"));
        assertEquals("0.55", gatewayAmount(chargeId));
        assertEquals(4, Fixture.count("select count(*) from postpaid_usage where customer_id = ?1 and charge_id = ?2",
                customerId, UUID.fromString(chargeId)), "the carried messages are paid by this charge, listed in its CSV");
        // what the closes say adds up: used + carried in = charged + carried out, and the last carry is -0.001
        assertEquals(0, Fixture.count("""
                select count(*) from postpaid_close where customer_id = ?1 and usage_total + carried_in <> charged + carried_out""", customerId));
        assertEquals(1, Fixture.count("select count(*) from postpaid_close where customer_id = ?1 and carried_out = -0.001", customerId));
    }

    @Test
    void shouldChargeOnceWhenFourClosesRunAtOnce() throws Exception {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "0.7000", "0.3000", "1.0000");
        String body = "{\"customerId\": \"%s\"}".formatted(customerId);
        String token = Tokens.ops();

        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> closes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            closes.add(callers.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/billing-periods/close")
                        .then().statusCode(200).extract().jsonPath().getList("charges").size();
            }));
        }
        start.countDown();
        int charged = 0;
        for (Future<Integer> close : closes) charged += close.get(30, TimeUnit.SECONDS);
        callers.shutdown();

        assertEquals(1, charged, "one of the four closes charged the usage");
        assertEquals(1, Fixture.count("select count(*) from charge where customer_id = ?1", customerId));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count(
                "select count(*) from charge where customer_id = ?1 and status = 'SUCCEEDED'", customerId) == 1);
        assertEquals(1, Fixture.count("select count(*) from invoice where customer_id = ?1", customerId));
        assertEquals(1, Fixture.count("""
                select count(*) from sandbox_gateway_charge g join card c on c.gateway_token = g.token where c.customer_id = ?1""", customerId));
    }

    @Test
    void shouldLeaveThePeriodJobToTheInstanceThatRunsIt() throws Exception {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        recordUsage(customerId, "2.0000");
        Instant periodEnd = Instant.now().minusSeconds(30); // after this test's usage, before any later test's

        try (Connection otherInstance = db.getConnection(); Statement lock = otherInstance.createStatement()) {
            lock.execute("select pg_advisory_lock(hashtextextended('billing:postpaid-period-job', 0))");
            assertTrue(postpaid.closeAsOnlyInstance(periodEnd).isEmpty(), "another instance is closing the period: this one skips it");
            assertEquals(0, Fixture.count("select count(*) from charge where customer_id = ?1", customerId));
            lock.execute("select pg_advisory_unlock(hashtextextended('billing:postpaid-period-job', 0))");
        }

        assertTrue(postpaid.closeAsOnlyInstance(periodEnd).isPresent());
        assertEquals(1, Fixture.count("select count(*) from charge where customer_id = ?1", customerId));
    }
}
