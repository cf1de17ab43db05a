package io.imcredits.subscription;

import static io.imcredits.subscription.Saga.PATIENCE;
import static io.imcredits.subscription.Saga.awaitOrderStatus;
import static io.imcredits.subscription.Saga.billing;
import static io.imcredits.subscription.Saga.customerWithCard;
import static io.imcredits.subscription.Saga.emitted;
import static io.imcredits.subscription.Saga.paymentSucceeded;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
import io.restassured.response.Response;

/** Auto-recharge (issue 19) with the real broker: this test plays credits-service on test.credits.events and billing on test.billing.events. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class AutoRechargeTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final KafkaTopic CREDITS_EVENTS = new KafkaTopic("test.credits.events");
    /**
     * 100 credits at 2.00 USD, 3 % fee: 206.00 USD an order. The threshold is 0: a credits-service running its own tests on the
     * same test topics sees these customers' zero balance, and a threshold above it would trigger a crossing at once (the
     * "enabled while below" rule), an order these tests did not ask for.
     */
    static final String ENABLED = """
            {"enabled": true, "threshold": {"amount": "0.00", "currency": "USD"}, "credits": 100, "monthlyMaxRecharges": 10}""";

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Response put(String token, UUID customerId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put("/api/customers/{id}/auto-recharge", customerId);
    }

    static JsonPath settings(UUID customerId) {
        return given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/auto-recharge", customerId)
                .then().statusCode(200).extract().jsonPath();
    }

    static UUID customerWithAutoRecharge(String settings) {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        put(Tokens.partner(PARTNER), customerId, settings).then().statusCode(200);
        return customerId;
    }

    /** Sends AutoRechargeTriggered as credits-service would and waits until this service has consumed it. */
    static UUID trigger(UUID customerId, String crossingId) {
        UUID eventId = UUID.randomUUID();
        send(eventId, customerId, crossingId);
        return eventId;
    }

    static String send(UUID eventId, UUID customerId, String crossingId) {
        String record = Saga.envelope(eventId, "AutoRechargeTriggered", "credits-service", PARTNER, customerId, """
                {"customerId": "%s", "crossingId": "%s", "available": {"amount": "19.50", "currency": "USD"},
                 "threshold": {"amount": "20.00", "currency": "USD"}}""".formatted(customerId, crossingId));
        CREDITS_EVENTS.send(customerId.toString(), record);
        awaitConsumed(eventId);
        return record;
    }

    static void awaitConsumed(UUID eventId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> count("select count(*) from inbox where event_id = ?1", eventId) == 1);
    }

    static long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    static long outboxed(UUID customerId, String type) {
        return LicenseUpdateSagaTest.outboxed(customerId, type);
    }

    /** The automatic order placed for the n-th AutoRechargeStarted (1-based), once it is there. */
    static String startedOrder(UUID customerId, int n) {
        await().atMost(PATIENCE).until(() -> emitted(customerId, "AutoRechargeStarted").size() >= n);
        return emitted(customerId, "AutoRechargeStarted").get(n - 1).getString("data.orderId");
    }

    static void paymentFailed(UUID customerId, String orderId, String reason) {
        billing("PaymentFailed", PARTNER, customerId, """
                {"orderId": "%s", "reason": "%s", "message": "the card was refused"}""".formatted(orderId, reason));
        awaitOrderStatus(PARTNER, orderId, "FAILED");
    }

    static JsonPath last(UUID customerId, String type, int expected) {
        await().atMost(PATIENCE).until(() -> emitted(customerId, type).size() == expected);
        List<JsonPath> events = emitted(customerId, type);
        return events.get(events.size() - 1);
    }

    @Test
    void shouldAnswerDefaultsThenKeepWhatWasPutWithAnIncreasingVersion() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        JsonPath defaults = settings(customerId);
        assertFalse(defaults.getBoolean("enabled"));
        assertEquals(0, defaults.getInt("version"));
        assertEquals("0.00", defaults.getString("threshold.amount"));
        assertEquals("USD", defaults.getString("threshold.currency"));
        assertEquals(10, defaults.getInt("credits"));
        assertNull(defaults.get("monthlyMaxRecharges"));
        assertNull(defaults.get("monthlyMaxAmount"));
        assertEquals(0, defaults.getInt("failuresInARow"));
        assertNull(defaults.get("disabledReason"));
        assertEquals(0, defaults.getInt("rechargesThisMonth"));
        assertEquals("0.00", defaults.getString("amountThisMonth.amount"));
        assertTrue(defaults.getString("month").matches("\\d{4}-\\d{2}"));
        assertTrue(defaults.getList("recent").isEmpty());

        put(Tokens.partner(PARTNER), customerId, """
                {"enabled": true, "threshold": {"amount": "20"}, "credits": 100, "monthlyMaxAmount": {"amount": "1000.00", "currency": "USD"}}""")
                .then().statusCode(200).body("enabled", equalTo(true), "version", equalTo(1), "threshold.amount", equalTo("20.00"),
                        "monthlyMaxAmount.amount", equalTo("1000.00"));
        JsonPath stored = settings(customerId);
        assertTrue(stored.getBoolean("enabled"));
        assertEquals("20.00", stored.getString("threshold.amount"));
        assertEquals(100, stored.getInt("credits"));
        assertEquals(1, stored.getInt("version"));
        put(Tokens.ops(), customerId, """
                {"enabled": false, "threshold": {"amount": "5.50", "currency": "USD"}, "credits": 50, "monthlyMaxRecharges": 2}""")
                .then().statusCode(200).body("version", equalTo(2), "enabled", equalTo(false), "monthlyMaxRecharges", equalTo(2));

        JsonPath first = last(customerId, "AutoRechargeConfigured", 2);
        List<JsonPath> configured = emitted(customerId, "AutoRechargeConfigured");
        assertEquals(1, configured.get(0).getInt("data.version"));
        assertTrue(configured.get(0).getBoolean("data.enabled"));
        assertEquals("20.00", configured.get(0).getString("data.threshold.amount"));
        assertEquals("USD", configured.get(0).getString("data.threshold.currency"));
        assertEquals(customerId.toString(), configured.get(0).getString("data.customerId"));
        assertEquals(2, first.getInt("data.version"));
        assertFalse(first.getBoolean("data.enabled"));
        assertEquals("5.50", first.getString("data.threshold.amount"));
    }

    @Test
    void shouldRefuseEveryInvalidSettingNamingItAndChangeNothing() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        String before = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/auto-recharge", customerId).asString();
        String[][] cases = {
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"-0.01\"}, \"credits\": 100, \"monthlyMaxRecharges\": 5}", "400", "threshold.amount"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 9, \"monthlyMaxRecharges\": 5}", "400", "credits"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 10001, \"monthlyMaxRecharges\": 5}", "400", "credits"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100, \"monthlyMaxRecharges\": 0}", "400", "monthlyMaxRecharges"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100, \"monthlyMaxRecharges\": 1001}", "400", "monthlyMaxRecharges"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100, \"monthlyMaxAmount\": {\"amount\": \"0\"}}", "400",
                        "monthlyMaxAmount.amount"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100, \"monthlyMaxAmount\": {\"amount\": \"-5\"}}", "400",
                        "monthlyMaxAmount.amount"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100}", "400", "monthlyMaxRecharges"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\", \"currency\": \"EUR\"}, \"credits\": 100, \"monthlyMaxRecharges\": 5}", "422",
                        "threshold.currency"},
                {"{\"enabled\": true, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100, \"monthlyMaxAmount\": {\"amount\": \"50\", \"currency\": \"EUR\"}}",
                        "422", "monthlyMaxAmount.currency"}};
        for (String[] bad : cases) {
            put(Tokens.partner(PARTNER), customerId, bad[0]).then().statusCode(Integer.parseInt(bad[1])).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(bad[2]));
        }
        put(Tokens.partner(PARTNER), customerId, cases[7][0]).then().body("detail",
                containsString("set a monthly cap: monthlyMaxRecharges or monthlyMaxAmount"));
        assertEquals(before, given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/auto-recharge", customerId).asString());
        assertEquals(1, outboxed(customerId, "AutoRechargeConfigured"), "only the accepted PUT published");
        // disabled, no cap is needed
        put(Tokens.partner(PARTNER), customerId, "{\"enabled\": false, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100}").then().statusCode(200);
    }

    @Test
    void shouldHideAnotherPartnersCustomerAndRefuseDesk() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/auto-recharge", customerId).then().statusCode(404);
        put(Tokens.partner(OTHER_PARTNER), customerId, ENABLED).then().statusCode(404);
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/auto-recharge", customerId).then().statusCode(403);
        put(Tokens.desk(customerId), customerId, ENABLED).then().statusCode(403);
        given().auth().oauth2(Tokens.ops()).get("/api/customers/{id}/auto-recharge", customerId).then().statusCode(200)
                .body("version", equalTo(1));
        assertEquals(1, outboxed(customerId, "AutoRechargeConfigured"));
    }

    @Test
    void shouldMakeOneAutomaticOrderPerCrossingThroughThePurchasePath() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        String record = send(UUID.randomUUID(), customerId, customerId + ":41");
        String orderId = startedOrder(customerId, 1);
        JsonPath order = Saga.order(PARTNER, orderId);
        assertTrue(order.getBoolean("automatic"));
        assertEquals("PURCHASE", order.getString("kind"));
        assertEquals("PENDING_PAYMENT", order.getString("status"));
        assertEquals(100, order.getInt("imCredits"));
        JsonPath manual = given().auth().oauth2(Tokens.partner(PARTNER))
                .get("/api/customers/{id}/quotes/{quoteId}", customerId, Saga.quote(PARTNER, customerId, "{\"imCredits\": 100}"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(manual.getString("total.amount"), order.getString("total.amount"));
        assertEquals("206.00", order.getString("total.amount"));
        assertEquals(manual.getString("fee.amount"), order.getString("fee.amount"));

        JsonPath requested = last(customerId, "LicenseUpdateRequested", 1);
        assertEquals(orderId, requested.getString("data.orderId"));
        assertEquals("PURCHASE", requested.getString("data.kind"));
        assertEquals(100, requested.getInt("data.imCredits"));
        assertEquals("206.00", requested.getString("data.total.amount"));
        JsonPath started = last(customerId, "AutoRechargeStarted", 1);
        assertEquals(customerId + ":41", started.getString("data.crossingId"));
        assertEquals(100, started.getInt("data.credits"));
        assertEquals("206.00", started.getString("data.total.amount"));

        // Kafka redelivers the same record, and credits-service reports the crossing again under another event id
        CREDITS_EVENTS.send(customerId.toString(), record);
        trigger(customerId, customerId + ":41");
        assertEquals(1, count("select count(*) from license_order where customer_id = ?1", customerId), "one order per crossing");
        assertEquals(1, outboxed(customerId, "LicenseUpdateRequested"));
        assertEquals(1, outboxed(customerId, "AutoRechargeStarted"));

        JsonPath view = settings(customerId);
        assertEquals(1, view.getInt("rechargesThisMonth"), "a pending automatic order counts");
        assertEquals("206.00", view.getString("amountThisMonth.amount"));
        assertEquals(orderId, view.getString("recent[0].orderId"));
        assertEquals(customerId + ":41", view.getString("recent[0].crossingId"));
        assertEquals("PENDING_PAYMENT", view.getString("recent[0].status"));

        paymentSucceeded(PARTNER, customerId, orderId);
        JsonPath completed = last(customerId, "AutoRechargeCompleted", 1);
        assertEquals(orderId, completed.getString("data.orderId"));
        assertEquals(100, completed.getInt("data.credits"));
        assertEquals("206.00", completed.getString("data.total.amount"));
        JsonPath purchased = last(customerId, "CreditsPurchased", 1);
        assertEquals(100, purchased.getInt("data.credits"));
        assertEquals("200.00", purchased.getString("data.amount.amount"));
    }

    @Test
    void shouldSkipAtTheMonthlyCapByCount() {
        UUID customerId = customerWithAutoRecharge("""
                {"enabled": true, "threshold": {"amount": "0"}, "credits": 100, "monthlyMaxRecharges": 1}""");
        trigger(customerId, customerId + ":1");
        paymentSucceeded(PARTNER, customerId, startedOrder(customerId, 1));
        last(customerId, "AutoRechargeCompleted", 1);
        trigger(customerId, customerId + ":2");
        JsonPath skipped = last(customerId, "AutoRechargeSkipped", 1);
        assertEquals("MONTHLY_CAP_REACHED", skipped.getString("data.reason"));
        assertEquals(customerId + ":2", skipped.getString("data.crossingId"));
        assertEquals(1, skipped.getInt("data.rechargesThisMonth"));
        assertEquals("206.00", skipped.getString("data.amountThisMonth.amount"));
        assertEquals(1, count("select count(*) from license_order where customer_id = ?1", customerId));
    }

    @Test
    void shouldSkipWhenTheOrderWouldPassTheMonthlyAmount() {
        UUID customerId = customerWithAutoRecharge("""
                {"enabled": true, "threshold": {"amount": "0"}, "credits": 100, "monthlyMaxAmount": {"amount": "205.99"}}""");
        trigger(customerId, customerId + ":1");
        JsonPath skipped = last(customerId, "AutoRechargeSkipped", 1);
        assertEquals("MONTHLY_CAP_REACHED", skipped.getString("data.reason"));
        assertEquals(0, skipped.getInt("data.rechargesThisMonth"));
        assertEquals("0.00", skipped.getString("data.amountThisMonth.amount"));
        assertEquals(0, count("select count(*) from license_order where customer_id = ?1", customerId));
    }

    @Test
    void shouldSkipASubscriptionThatIsNotActiveAndDoNothingWhenDisabled() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        QuarkusTransaction.requiringNew().run(() -> Subscription.getEntityManager()
                .createNativeQuery("update subscription set status = 'PAST_DUE' where customer_id = ?1").setParameter(1, customerId).executeUpdate());
        trigger(customerId, customerId + ":1");
        assertEquals("SUBSCRIPTION_NOT_ACTIVE", last(customerId, "AutoRechargeSkipped", 1).getString("data.reason"));
        assertEquals(0, count("select count(*) from license_order where customer_id = ?1", customerId));

        UUID disabled = customerWithAutoRecharge("{\"enabled\": false, \"threshold\": {\"amount\": \"20\"}, \"credits\": 100}");
        trigger(disabled, disabled + ":1");
        UUID never = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        trigger(never, never + ":1");
        for (UUID id : List.of(disabled, never)) {
            assertEquals(0, count("select count(*) from license_order where customer_id = ?1", id));
            assertEquals(0, count("select count(*) from outbox where customer_id = ?1 and event_type like 'AutoRecharge%' "
                    + "and event_type <> 'AutoRechargeConfigured'", id));
        }
    }

    @Test
    void shouldCountFailuresInARowAndDisableAtTheThird() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        trigger(customerId, customerId + ":1");
        String first = startedOrder(customerId, 1);
        paymentFailed(customerId, first, "DECLINED");
        JsonPath failed = last(customerId, "AutoRechargeFailed", 1);
        assertEquals(first, failed.getString("data.orderId"));
        assertEquals(customerId + ":1", failed.getString("data.crossingId"));
        assertEquals("DECLINED", failed.getString("data.reason"));
        assertEquals(1, failed.getInt("data.failuresInARow"));
        assertTrue(failed.getBoolean("data.willRetry"));
        assertEquals(1, settings(customerId).getInt("failuresInARow"));

        trigger(customerId, customerId + ":2");
        paymentSucceeded(PARTNER, customerId, startedOrder(customerId, 2));
        last(customerId, "AutoRechargeCompleted", 1);
        assertEquals(0, settings(customerId).getInt("failuresInARow"), "a success resets the count");

        String[] reasons = {"INSUFFICIENT_FUNDS", "EXPIRED_CARD", "NO_CARD"};
        for (int i = 0; i < 3; i++) {
            trigger(customerId, customerId + ":" + (3 + i));
            paymentFailed(customerId, startedOrder(customerId, 3 + i), reasons[i]);
            JsonPath failure = last(customerId, "AutoRechargeFailed", 2 + i);
            assertEquals(reasons[i], failure.getString("data.reason"));
            assertEquals(i + 1, failure.getInt("data.failuresInARow"));
            assertEquals(i < 2, failure.getBoolean("data.willRetry"));
        }
        JsonPath disabled = last(customerId, "AutoRechargeDisabled", 1);
        assertEquals("FAILURES_IN_A_ROW", disabled.getString("data.reason"));
        assertEquals(3, disabled.getInt("data.failuresInARow"));
        JsonPath configured = last(customerId, "AutoRechargeConfigured", 2);
        assertFalse(configured.getBoolean("data.enabled"));
        assertEquals(2, configured.getInt("data.version"));
        JsonPath view = settings(customerId);
        assertFalse(view.getBoolean("enabled"));
        assertEquals("FAILURES_IN_A_ROW", view.getString("disabledReason"));
        assertEquals(3, view.getInt("failuresInARow"));
        assertEquals(2, view.getInt("version"));

        trigger(customerId, customerId + ":6");
        assertEquals(5, count("select count(*) from license_order where customer_id = ?1", customerId), "disabled: nothing bought");

        put(Tokens.partner(PARTNER), customerId, ENABLED).then().statusCode(200)
                .body("enabled", equalTo(true), "failuresInARow", equalTo(0), "disabledReason", equalTo(null), "version", equalTo(3));
    }

    @Test
    void shouldRetryTheFailedCrossingOnANewCardWithinThreeAttemptsADay() {
        UUID customerId = customerWithAutoRecharge(ENABLED);
        trigger(customerId, customerId + ":1");
        paymentSucceeded(PARTNER, customerId, startedOrder(customerId, 1));
        last(customerId, "AutoRechargeCompleted", 1);
        trigger(customerId, customerId + ":2");
        paymentFailed(customerId, startedOrder(customerId, 2), "EXPIRED_CARD");
        last(customerId, "AutoRechargeFailed", 1);

        newCard(customerId);
        String retry = startedOrder(customerId, 3);
        JsonPath started = emitted(customerId, "AutoRechargeStarted").get(2);
        assertEquals(customerId + ":2", started.getString("data.crossingId"), "the last failed crossing is retried");
        assertTrue(Saga.order(PARTNER, retry).getBoolean("automatic"));
        assertEquals(1, count("select count(*) from idempotency_key where key = ?1", "auto-recharge:" + customerId + ":2:retry:1"));
        newCard(customerId); // the retry is pending: a second new card makes no second order
        assertEquals(3, count("select count(*) from license_order where customer_id = ?1", customerId));

        paymentFailed(customerId, retry, "DECLINED");
        JsonPath failed = last(customerId, "AutoRechargeFailed", 2);
        assertEquals(2, failed.getInt("data.failuresInARow"));
        newCard(customerId);
        JsonPath skipped = last(customerId, "AutoRechargeSkipped", 1);
        assertEquals("RETRY_LIMIT_REACHED", skipped.getString("data.reason"), "three automatic orders today already");
        assertEquals(customerId + ":2", skipped.getString("data.crossingId"));
        assertEquals(3, count("select count(*) from license_order where customer_id = ?1", customerId));
    }

    /** billing reports a new card; waits until it was consumed. */
    static void newCard(UUID customerId) {
        billing("CardUpdated", PARTNER, customerId, """
                {"customerId": "%s", "brand": "MASTERCARD", "last4": "4444"}""".formatted(customerId));
        LicenseUpdateSagaTest.awaitBillingEventsConsumed(customerId);
    }
}
