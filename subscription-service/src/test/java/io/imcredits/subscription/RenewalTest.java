package io.imcredits.subscription;

import static io.imcredits.subscription.Saga.PATIENCE;
import static io.imcredits.subscription.Saga.awaitOrderStatus;
import static io.imcredits.subscription.Saga.billing;
import static io.imcredits.subscription.Saga.confirm;
import static io.imcredits.subscription.Saga.customerWithCard;
import static io.imcredits.subscription.Saga.emitted;
import static io.imcredits.subscription.Saga.order;
import static io.imcredits.subscription.Saga.paymentSucceeded;
import static io.imcredits.subscription.Saga.quote;
import static io.imcredits.subscription.Saga.subscription;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Trials, renewals, scheduled changes and dunning with a driven clock (TestClock): this test plays billing-service on
 * test.billing.events and runs the renewals due as operations would (POST /api/renewals/run for its own customer).
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class RenewalTest {

    static final UUID PARTNER = UUID.randomUUID();

    @Inject
    Renewals renewals;

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    static JsonPath run(Instant until, UUID customerId) {
        return given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("{\"until\": \"%s\", \"customerId\": \"%s\"}".formatted(until, customerId))
                .post("/api/renewals/run").then().statusCode(200).extract().jsonPath();
    }

    /** Moves the service's time to {@code at} and runs what is due then; answers the one order it started. */
    static String renewAt(Instant at, UUID customerId) {
        TestClock.set(at);
        JsonPath run = run(at, customerId);
        assertEquals(1, run.getList("started").size(), run.prettify());
        return run.getString("started[0].orderId");
    }

    static Instant trialEnd(UUID customerId) {
        return Instant.parse(subscription(PARTNER, customerId).getString("trialEndsAt"));
    }

    static void paymentFailed(UUID customerId, String orderId) {
        billing("PaymentFailed", PARTNER, customerId, """
                {"orderId": "%s", "reason": "DECLINED", "message": "Your card was declined."}""".formatted(orderId));
    }

    static ValidatableResponse schedule(UUID customerId, String body) {
        return given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body(body)
                .post("/api/customers/{id}/subscription/scheduled-change", customerId).then();
    }

    static long renewalOrders(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager()
                .createNativeQuery("select count(*) from license_order where customer_id = ?1 and kind = 'RENEWAL'")
                .setParameter(1, customerId).getSingleResult()).longValue());
    }

    static Instant plusMonths(Instant instant, int months) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    static void awaitEmitted(UUID customerId, String type, int count) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> emitted(customerId, type).size() == count);
    }

    @Test
    void shouldStartARegistrationWithAPaidPlanOnATrialWithoutPaidLicenses() {
        UUID customerId = UUID.randomUUID();
        Instant registered = Instant.now();
        Saga.CUSTOMER_EVENTS.send(customerId.toString(), Saga.envelope(UUID.randomUUID(), "CustomerRegistered", "customer-service", PARTNER,
                customerId, """
                        {"customerId": "%s", "partnerId": "%s", "companyName": "Zylker", "email": "ann@zylker.example", "country": "US",
                         "currency": "USD", "planCode": "ENTERPRISE", "agents": 100000, "payer": "PARTNER"}""".formatted(customerId, PARTNER)));
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(Tokens.partner(PARTNER))
                .get("/api/customers/{id}/subscription", customerId).statusCode() == 200);

        JsonPath trial = subscription(PARTNER, customerId);
        assertEquals("ENTERPRISE", trial.getString("planCode"));
        assertEquals(5, trial.getInt("agents"), "a trial has at most 5 agents, whatever the registration asked for");
        assertTrue(trial.getList("addOns").isEmpty());
        assertEquals("ACTIVE", trial.getString("standing"));
        Instant trialEndsAt = Instant.parse(trial.getString("trialEndsAt"));
        assertTrue(Duration.between(registered.plus(Duration.ofDays(15)), trialEndsAt).abs().toMinutes() < 2, "15 days: " + trialEndsAt);
        assertEquals(trialEndsAt.toString(), Instant.parse(trial.getString("currentPeriod.end")).toString());
        assertEquals(trialEndsAt, Instant.parse(trial.getString("nextRenewal.at")));
        assertEquals("200.00", trial.getString("nextRenewal.amount.amount"), "the trial's end charges ENTERPRISE 40.00 × 5");
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/license-updates", customerId).then()
                .statusCode(200).body("items", hasSize(0));
        assertTrue(emitted(customerId, "LicenseUpdated").isEmpty(), "no license without a charge");

        // more agents only through a quote and a payment: a declined one changes nothing
        billing("CardUpdated", PARTNER, customerId, "{\"customerId\": \"%s\", \"brand\": \"VISA\", \"last4\": \"0002\"}".formatted(customerId));
        String orderId = confirm(PARTNER, customerId, quote(PARTNER, customerId, "{\"agents\": 10}"), UUID.randomUUID().toString())
                .then().statusCode(202).extract().path("id");
        paymentFailed(customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "FAILED");
        assertEquals(5, subscription(PARTNER, customerId).getInt("agents"));
        String paid = confirm(PARTNER, customerId, quote(PARTNER, customerId, "{\"agents\": 10}"), UUID.randomUUID().toString())
                .then().statusCode(202).extract().path("id");
        paymentSucceeded(PARTNER, customerId, paid);
        awaitOrderStatus(PARTNER, paid, "COMPLETED");
        assertEquals(10, subscription(PARTNER, customerId).getInt("agents"));
    }

    @Test
    void shouldRenewAMonthlySubscriptionOncePerPeriod() {
        UUID customerId = customerWithCard(PARTNER, "PROFESSIONAL", 3, "USD");
        Instant trialEnd = trialEnd(customerId);

        TestClock.set(trialEnd.minusSeconds(1));
        assertTrue(run(trialEnd.minusSeconds(1), customerId).getList("started").isEmpty(), "nothing is due before the trial ends");

        TestClock.set(trialEnd.plusSeconds(60));
        JsonPath started = run(trialEnd.plusSeconds(60), customerId);
        assertEquals(1, started.getList("started").size(), started.prettify());
        assertEquals("RENEWAL", started.getString("started[0].action"));
        assertEquals("69.00", started.getString("started[0].total.amount"), "PROFESSIONAL 23.00 × 3 agents");
        String orderId = started.getString("started[0].orderId");
        assertTrue(run(trialEnd.plusSeconds(60), customerId).getList("started").isEmpty(), "a second run starts nothing");

        awaitEmitted(customerId, "LicenseUpdateRequested", 1);
        JsonPath requested = emitted(customerId, "LicenseUpdateRequested").get(0);
        assertEquals(orderId, requested.getString("data.orderId"));
        assertEquals("RENEWAL", requested.getString("data.kind"));
        assertEquals(trialEnd, Instant.parse(requested.getString("data.periodStart")));
        assertEquals(plusMonths(trialEnd, 1), Instant.parse(requested.getString("data.periodEnd")));
        assertEquals("69.00", requested.getString("data.total.amount"));
        assertEquals(1, requested.getList("data.lines").size());

        String payment = paymentSucceeded(PARTNER, customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        Saga.BILLING_EVENTS.send(customerId.toString(), payment); // redelivered
        JsonPath renewed = subscription(PARTNER, customerId);
        assertEquals(trialEnd, Instant.parse(renewed.getString("currentPeriod.start")));
        assertEquals(plusMonths(trialEnd, 1), Instant.parse(renewed.getString("currentPeriod.end")));
        assertEquals(plusMonths(trialEnd, 1), Instant.parse(renewed.getString("nextRenewal.at")));
        assertEquals("69.00", renewed.getString("nextRenewal.amount.amount"));
        assertEquals("ACTIVE", renewed.getString("standing"));

        // the next month: one more order, for the next period only
        String second = renewAt(plusMonths(trialEnd, 1).plusSeconds(60), customerId);
        paymentSucceeded(PARTNER, customerId, second);
        awaitOrderStatus(PARTNER, second, "COMPLETED");
        assertEquals(plusMonths(trialEnd, 2), Instant.parse(subscription(PARTNER, customerId).getString("currentPeriod.end")));
        awaitEmitted(customerId, "SubscriptionRenewed", 2);
        JsonPath event = emitted(customerId, "SubscriptionRenewed").get(0);
        assertEquals(orderId, event.getString("data.orderId"));
        assertEquals("PROFESSIONAL", event.getString("data.planCode"));
        assertEquals(3, event.getInt("data.agents"));
        assertEquals("69.00", event.getString("data.total.amount"));
        assertEquals(2, renewalOrders(customerId));
        assertTrue(emitted(customerId, "LicenseUpdated").isEmpty(), "nothing about the licenses changed");
    }

    @Test
    void shouldRenewYearlyAfterASwitchScheduledForThePeriodEnd() {
        UUID customerId = customerWithCard(PARTNER, "PROFESSIONAL", 3, "USD");
        Instant trialEnd = trialEnd(customerId);
        schedule(customerId, "{\"billingCycle\": \"YEARLY\"}").statusCode(201).body("billingCycle", equalTo("YEARLY"));

        String orderId = renewAt(trialEnd, customerId);
        assertEquals("690.00", order(PARTNER, orderId).getString("total.amount"), "PROFESSIONAL 230.00 a year × 3 agents");
        paymentSucceeded(PARTNER, customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        JsonPath yearly = subscription(PARTNER, customerId);
        assertEquals("YEARLY", yearly.getString("billingCycle"));
        assertEquals(trialEnd.atZone(ZoneOffset.UTC).plusYears(1).toInstant(), Instant.parse(yearly.getString("currentPeriod.end")));
        assertEquals("690.00", yearly.getString("nextRenewal.amount.amount"));
        assertNull(yearly.get("scheduledChange"));
    }

    @Test
    void shouldApplyAScheduledDowngradeAtRenewalAndRefuseWhatIsNotOne() {
        UUID customerId = customerWithCard(PARTNER, "PROFESSIONAL", 5, "USD");
        String addOn = confirm(PARTNER, customerId, quote(PARTNER, customerId, "{\"addOns\": [{\"code\": \"WHATSAPP_NUMBER\", \"quantity\": 2}]}"),
                UUID.randomUUID().toString()).then().statusCode(202).extract().path("id");
        paymentSucceeded(PARTNER, customerId, addOn);
        awaitOrderStatus(PARTNER, addOn, "COMPLETED");
        int version = subscription(PARTNER, customerId).getInt("version");

        schedule(customerId, "{\"planCode\": \"ENTERPRISE\"}").statusCode(422).body("detail", containsString("is an upgrade"));
        schedule(customerId, "{\"agents\": 8}").statusCode(422).body("violations[0].field", equalTo("agents"));
        schedule(customerId, "{\"planCode\": \"GOLD\"}").statusCode(422).body("detail", containsString("no plan GOLD"));
        schedule(customerId, "{\"removeAddOns\": [\"LIGHT_AGENT\"]}").statusCode(422).body("detail", containsString("no add-on LIGHT_AGENT"));
        schedule(customerId, "{\"planCode\": \"STANDARD\", \"cancel\": true}").statusCode(422);
        schedule(customerId, "{\"agents\": 5}").statusCode(422).body("detail", containsString("changes nothing"));
        schedule(customerId, "{\"agents\": 0}").statusCode(400).body("violations[0].field", equalTo("agents"));
        assertEquals(version, subscription(PARTNER, customerId).getInt("version"), "a refused change changes nothing");
        assertNull(subscription(PARTNER, customerId).get("scheduledChange"));

        schedule(customerId, "{\"planCode\": \"STANDARD\", \"agents\": 2, \"removeAddOns\": [\"WHATSAPP_NUMBER\"]}").statusCode(201)
                .header("Location", containsString("/api/customers/" + customerId + "/subscription/scheduled-change"))
                .body("planCode", equalTo("STANDARD"), "agents", equalTo(2), "removeAddOns[0]", equalTo("WHATSAPP_NUMBER"), "cancel", equalTo(false));
        schedule(customerId, "{\"agents\": 1}").statusCode(409).body("detail", containsString("already scheduled"));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/subscription/scheduled-change", customerId).then()
                .statusCode(200).body("agents", equalTo(2));
        JsonPath before = subscription(PARTNER, customerId);
        assertEquals("PROFESSIONAL", before.getString("planCode"), "a downgrade waits for the period end");
        assertEquals("28.00", before.getString("nextRenewal.amount.amount"), "STANDARD 14.00 × 2 agents, no WhatsApp numbers");
        assertEquals(2, before.getInt("scheduledChange.agents"));

        String orderId = renewAt(trialEnd(customerId), customerId);
        assertEquals("28.00", order(PARTNER, orderId).getString("total.amount"));
        paymentSucceeded(PARTNER, customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        JsonPath after = subscription(PARTNER, customerId);
        assertEquals("STANDARD", after.getString("planCode"));
        assertEquals(2, after.getInt("agents"));
        assertTrue(after.getList("addOns").isEmpty());
        assertNull(after.get("scheduledChange"));
        awaitEmitted(customerId, "LicenseUpdated", 2);
        JsonPath updated = emitted(customerId, "LicenseUpdated").get(1);
        assertEquals(orderId, updated.getString("data.orderId"));
        assertEquals("STANDARD", updated.getString("data.planCode"));
        assertEquals(2, updated.getInt("data.agents"));
    }

    @Test
    void shouldCancelAtThePeriodEndUnlessWithdrawn() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        schedule(customerId, "{\"cancel\": true}").statusCode(201).body("cancel", equalTo(true));
        assertNull(subscription(PARTNER, customerId).get("nextRenewal"), "a cancelled subscription does not renew");
        given().auth().oauth2(Tokens.partner(PARTNER)).delete("/api/customers/{id}/subscription/scheduled-change", customerId).then().statusCode(204);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/subscription/scheduled-change", customerId).then().statusCode(404);
        assertEquals("42.00", subscription(PARTNER, customerId).getString("nextRenewal.amount.amount"), "withdrawn: it renews again");
        schedule(customerId, "{\"cancel\": true}").statusCode(201);

        Instant trialEnd = trialEnd(customerId);
        TestClock.set(trialEnd);
        JsonPath run = run(trialEnd, customerId);
        assertEquals("CANCELLATION", run.getString("started[0].action"));
        assertNull(run.get("started[0].orderId"));
        assertEquals(0, renewalOrders(customerId), "nothing charged");
        JsonPath cancelled = subscription(PARTNER, customerId);
        assertEquals("CANCELLED", cancelled.getString("standing"));
        assertNull(cancelled.get("nextRenewal"));
        awaitEmitted(customerId, "SubscriptionStandingChanged", 1);
        JsonPath changed = emitted(customerId, "SubscriptionStandingChanged").get(0);
        assertEquals("CANCELLED", changed.getString("data.standing"));
        assertEquals("ACTIVE", changed.getString("data.previous"));

        assertTrue(run(plusMonths(trialEnd, 2), customerId).getList("started").isEmpty(), "a cancelled subscription never renews");
        schedule(customerId, "{\"agents\": 1}").statusCode(409).body("detail", containsString("already cancelled"));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body("{\"imCredits\": 25}")
                .post("/api/customers/{id}/quotes", customerId).then().statusCode(409);
    }

    @Test
    void shouldRetryADeclinedRenewalThenSuspendAndReactivateOnANewCard() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        Instant at = trialEnd(customerId);
        String orderId = renewAt(at, customerId);
        List<Duration> waits = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));
        for (int attempt = 1; attempt <= 5; attempt++) {
            paymentFailed(customerId, orderId);
            awaitEmitted(customerId, "RenewalFailed", attempt);
            JsonPath failed = emitted(customerId, "RenewalFailed").get(attempt - 1);
            assertEquals(orderId, failed.getString("data.orderId"));
            assertEquals("DECLINED", failed.getString("data.reason"));
            assertEquals(attempt, failed.getInt("data.attempt"));
            boolean last = attempt == 5;
            assertEquals(last, failed.getBoolean("data.finalAttempt"));
            JsonPath view = subscription(PARTNER, customerId);
            if (last) {
                assertNull(failed.get("data.nextAttemptAt"));
                assertEquals("SUSPENDED", view.getString("standing"));
                break;
            }
            Instant next = Instant.parse(failed.getString("data.nextAttemptAt"));
            assertEquals(at.plus(waits.get(attempt - 1)), next);
            assertEquals("PAST_DUE", view.getString("standing"));
            if (attempt == 1) {
                given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body("{\"agents\": 4}")
                        .post("/api/customers/{id}/quotes", customerId).then().statusCode(409).body("detail", containsString("not paid yet"));
            }
            assertEquals(next, Instant.parse(view.getString("nextRenewal.at")));
            // the batch listing answers the same view: the retry (its unpaid renewal) is the next charge there too
            assertEquals(view.getMap(""), given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/subscriptions?customerId={id}", customerId)
                    .then().statusCode(200).extract().jsonPath().getMap("items[0]"));
            TestClock.set(next.minusSeconds(1));
            assertTrue(run(next.minusSeconds(1), customerId).getList("started").isEmpty(), "no retry before its time");
            at = next;
            orderId = renewAt(at, customerId);
        }
        assertEquals(5, renewalOrders(customerId), "one order per attempt");
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON).body("{\"agents\": 4}")
                .post("/api/customers/{id}/quotes", customerId).then().statusCode(409).body("detail", containsString("suspended"));
        quote(PARTNER, customerId, "{\"imCredits\": 25}"); // prepaid credits can still be bought
        assertTrue(run(at.plus(Duration.ofDays(30)), customerId).getList("started").isEmpty(), "no retry left on the schedule");

        billing("CardUpdated", PARTNER, customerId, "{\"customerId\": \"%s\", \"brand\": \"VISA\", \"last4\": \"4242\"}".formatted(customerId));
        awaitEmitted(customerId, "LicenseUpdateRequested", 6);
        String retry = emitted(customerId, "LicenseUpdateRequested").get(5).getString("data.orderId");
        paymentSucceeded(PARTNER, customerId, retry);
        awaitOrderStatus(PARTNER, retry, "COMPLETED");
        JsonPath reactivated = subscription(PARTNER, customerId);
        assertEquals("ACTIVE", reactivated.getString("standing"));
        assertEquals(plusMonths(trialEnd(customerId), 1), Instant.parse(reactivated.getString("currentPeriod.end")));

        awaitEmitted(customerId, "SubscriptionStandingChanged", 3);
        List<String> transitions = emitted(customerId, "SubscriptionStandingChanged").stream()
                .map(e -> e.getString("data.previous") + "→" + e.getString("data.standing")).toList();
        assertEquals(List.of("ACTIVE→PAST_DUE", "PAST_DUE→SUSPENDED", "SUSPENDED→ACTIVE"), transitions);
        awaitEmitted(customerId, "SubscriptionRenewed", 1);
    }

    @Test
    void shouldFollowPostpaidChargesInTheStanding() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String money = "{\"amount\": \"12.40\", \"currency\": \"USD\"}";
        billing("PostpaidChargeFailed", PARTNER, customerId, """
                {"customerId": "%s", "chargeId": "pp-1", "amount": %s, "reason": "DECLINED", "attempt": 1, "finalAttempt": false}"""
                .formatted(customerId, money));
        await().atMost(PATIENCE).until(() -> subscription(PARTNER, customerId).getString("standing").equals("PAST_DUE"));
        billing("PostpaidChargeFailed", PARTNER, customerId, """
                {"customerId": "%s", "chargeId": "pp-1", "amount": %s, "reason": "DECLINED", "attempt": 5, "finalAttempt": true}"""
                .formatted(customerId, money));
        await().atMost(PATIENCE).until(() -> subscription(PARTNER, customerId).getString("standing").equals("SUSPENDED"));
        billing("PostpaidChargeSucceeded", PARTNER, customerId, "{\"customerId\": \"%s\", \"chargeId\": \"pp-1\", \"amount\": %s}"
                .formatted(customerId, money));
        await().atMost(PATIENCE).until(() -> subscription(PARTNER, customerId).getString("standing").equals("ACTIVE"));
        awaitEmitted(customerId, "SubscriptionStandingChanged", 3);
        assertEquals("POSTPAID_CHARGE_PAID", emitted(customerId, "SubscriptionStandingChanged").get(2).getString("data.reason"));
    }

    @Test
    void shouldStartOneRenewalPerPeriodWhenRunsRace() throws Exception {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        Instant at = trialEnd(customerId).plusSeconds(5);
        TestClock.set(at);
        CyclicBarrier together = new CyclicBarrier(4);
        List<CompletableFuture<Integer>> runs = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return renewals.run(at, customerId).size(); // as two instances' jobs would (scoped to this customer: others are not ours)
        })).toList();
        int started = 0;
        for (CompletableFuture<Integer> run : runs) started += run.get();
        assertEquals(1, started, "one run renewed it, the others found it taken or done");
        assertEquals(1, renewalOrders(customerId));
        awaitEmitted(customerId, "LicenseUpdateRequested", 1);
        assertFalse(run(at, customerId).getList("started").size() > 0);
    }
}
