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
import static io.imcredits.subscription.Saga.registerCustomer;
import static io.imcredits.subscription.Saga.subscription;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The purchase saga with the real broker: this test plays billing-service on test.billing.events. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class LicenseUpdateSagaTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final String UPGRADE_WITH_CREDITS = """
            {"planCode": "PROFESSIONAL", "agents": 5, "addOns": [{"code": "WHATSAPP_NUMBER", "quantity": 1}], "imCredits": 25}""";
    /** Nothing to pay now: the post-paid add-on is billed at period end. */
    static final String POSTPAID_ADD_ON_ALONE = """
            {"addOns": [{"code": "IM_OVERAGE", "quantity": 1}]}""";

    @Inject
    LicenseUpdates licenseUpdates;

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static long rows(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    static long outboxed(UUID customerId, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Subscription.getEntityManager()
                .createNativeQuery("select count(*) from outbox where customer_id = ?1 and event_type = ?2")
                .setParameter(1, customerId).setParameter(2, type).getSingleResult()).longValue());
    }

    /** Sends a record behind the customer's earlier ones (same key, same partition) and waits until it was consumed: so were they. */
    static void awaitBillingEventsConsumed(UUID customerId) {
        UUID marker = UUID.randomUUID();
        Saga.BILLING_EVENTS.send(customerId.toString(), Saga.envelope(UUID.randomUUID(), "CardUpdated", "billing-service", PARTNER, marker,
                "{\"customerId\": \"%s\", \"brand\": \"VISA\", \"last4\": \"0005\"}".formatted(marker)));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> CardOnFile.existsFor(marker)));
    }

    static String placeOrder(UUID customerId, String body) {
        return confirm(PARTNER, customerId, quote(PARTNER, customerId, body), UUID.randomUUID().toString())
                .then().statusCode(202).extract().path("id");
    }

    @Test
    void shouldCompleteAConfirmedOrderOnPaymentSucceededAndEmitLicenseUpdatedAndCreditsPurchasedOnce() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String quoteId = quote(PARTNER, customerId, UPGRADE_WITH_CREDITS);

        ExtractableResponse<Response> placed = confirm(PARTNER, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(202)
                .body("status", equalTo("PENDING_PAYMENT"), "quoteId", equalTo(quoteId), "failureReason", nullValue())
                .extract();
        String orderId = placed.path("id");
        assertEquals("/api/license-updates/" + orderId, URI.create(placed.header("Location")).getPath());

        await().atMost(PATIENCE).until(() -> emitted(customerId, "LicenseUpdateRequested").size() == 1);
        JsonPath requested = emitted(customerId, "LicenseUpdateRequested").get(0);
        assertEquals(orderId, requested.getString("data.orderId"));
        assertEquals(PARTNER.toString(), requested.getString("data.partnerId"));
        assertEquals("PARTNER", requested.getString("data.payer"));
        assertEquals(4, requested.getList("data.lines").size(), "upgrade, agents, WhatsApp number, credits");
        assertEquals("1.50", requested.getString("data.fee.amount"));
        assertEquals(order(PARTNER, orderId).getString("total.amount"), requested.getString("data.total.amount"));
        assertEquals("USD", requested.getString("data.total.currency"));

        String payment = paymentSucceeded(PARTNER, customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        JsonPath subscription = subscription(PARTNER, customerId);
        assertEquals("PROFESSIONAL", subscription.getString("planCode"));
        assertEquals(5, subscription.getInt("agents"));
        assertEquals(1, subscription.getInt("addOns.find { it.code == 'WHATSAPP_NUMBER' }.quantity"));
        assertEquals("ch_" + orderId, order(PARTNER, orderId).getString("chargeId"));

        Saga.BILLING_EVENTS.send(customerId.toString(), payment); // Kafka redelivers the payment
        paymentSucceeded(PARTNER, customerId, orderId); // and billing reports it twice
        awaitBillingEventsConsumed(customerId);
        await().atMost(PATIENCE).until(() -> !emitted(customerId, "CreditsPurchased").isEmpty());

        List<JsonPath> updated = emitted(customerId, "LicenseUpdated");
        List<JsonPath> purchased = emitted(customerId, "CreditsPurchased");
        assertEquals(1, updated.size(), "one LicenseUpdated");
        assertEquals(1, purchased.size(), "one CreditsPurchased");
        assertEquals("PROFESSIONAL", updated.get(0).getString("data.planCode"));
        assertEquals(5, updated.get(0).getInt("data.agents"));
        assertEquals("STANDARD", updated.get(0).getString("data.addOns.find { it.code == 'WHATSAPP_NUMBER' }.kind"));
        assertEquals(25, purchased.get(0).getInt("data.credits"));
        assertEquals("50.00", purchased.get(0).getString("data.amount.amount"), "the balance to grant, not the charged total");
        assertEquals("USD", purchased.get(0).getString("data.amount.currency"));
        assertEquals(orderId, purchased.get(0).getString("data.orderId"));
        // the tests set subscription.credits.valid-for=P365D: the credits expire a year after the order completed
        Instant expiresAt = Instant.parse(purchased.get(0).getString("data.expiresAt"));
        Instant completedAt = Instant.parse(order(PARTNER, orderId).getString("updatedAt"));
        assertTrue(Duration.between(completedAt.plus(Duration.ofDays(365)), expiresAt).abs().toMillis() < 1000,
                "expires " + expiresAt + ", completed " + completedAt);
        assertEquals(subscription.getInt("version"), subscription(PARTNER, customerId).getInt("version"), "the replays changed nothing");
    }

    /** Money is amount and currency only in orders and in the events that carry it (no zero, negative or other helper). */
    @Test
    void shouldWriteMoneyAsAmountAndCurrencyOnlyInOrdersAndEvents() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String orderId = placeOrder(customerId, "{\"planCode\": \"PROFESSIONAL\", \"imCredits\": 25}");
        JsonPath list = given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/license-updates", customerId)
                .then().statusCode(200).extract().jsonPath();
        for (String money : List.of("subtotal", "fee", "total", "lines[0].unitPrice", "lines[0].amount")) {
            assertEquals(Saga.MONEY, order(PARTNER, orderId).getMap(money).keySet(), money);
            assertEquals(Saga.MONEY, list.getMap("items[0]." + money).keySet(), "items[0]." + money);
        }
        await().atMost(PATIENCE).until(() -> emitted(customerId, "LicenseUpdateRequested").size() == 1);
        JsonPath requested = emitted(customerId, "LicenseUpdateRequested").get(0);
        // the type is the envelope's (taken from the record), never a field of the data
        assertEquals(Set.of("orderId", "customerId", "partnerId", "payer", "lines", "subtotal", "fee", "total", "imCredits", "kind",
                "periodStart", "periodEnd"), requested.getMap("data").keySet(), "LicenseUpdateRequested data");
        for (String money : List.of("subtotal", "fee", "total", "lines[0].unitPrice", "lines[0].amount")) {
            assertEquals(Saga.MONEY, requested.getMap("data." + money).keySet(), "LicenseUpdateRequested " + money);
        }
        paymentSucceeded(PARTNER, customerId, orderId);
        await().atMost(PATIENCE).until(() -> emitted(customerId, "CreditsPurchased").size() == 1);
        assertEquals(Saga.MONEY, emitted(customerId, "CreditsPurchased").get(0).getMap("data.amount").keySet(), "CreditsPurchased amount");
    }

    @Test
    void shouldFailTheOrderOnPaymentFailedAndLeaveTheSubscriptionAsItWas() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        JsonPath before = subscription(PARTNER, customerId);
        String orderId = placeOrder(customerId, UPGRADE_WITH_CREDITS);

        billing("PaymentFailed", PARTNER, customerId, """
                {"orderId": "%s", "reason": "DECLINED", "message": "The card was declined"}""".formatted(orderId));
        awaitOrderStatus(PARTNER, orderId, "FAILED");
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/license-updates/{id}", orderId).then()
                .body("failureReason", equalTo("DECLINED"), "failureMessage", equalTo("The card was declined"));

        paymentSucceeded(PARTNER, customerId, orderId); // a late success after the failure must not apply it
        awaitBillingEventsConsumed(customerId);
        JsonPath after = subscription(PARTNER, customerId);
        assertEquals("STANDARD", after.getString("planCode"));
        assertEquals(3, after.getInt("agents"));
        assertEquals(before.getInt("version"), after.getInt("version"));
        assertEquals(0, outboxed(customerId, "LicenseUpdated"));
        assertEquals(0, outboxed(customerId, "CreditsPurchased"));
        placeOrder(customerId, UPGRADE_WITH_CREDITS); // a failed order does not hold up the next purchase
    }

    @Test
    void shouldMakeOneOrderForOneIdempotencyKeyEvenWhenRequestsRace() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String quoteId = quote(PARTNER, customerId, "{\"imCredits\": 100}");
        String key = UUID.randomUUID().toString();

        List<CompletableFuture<Response>> racing = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> confirm(PARTNER, customerId, quoteId, key))).toList();
        List<String> ids = racing.stream().map(CompletableFuture::join)
                .map(response -> response.then().statusCode(202).extract().<String>path("id")).distinct().toList();
        assertEquals(1, ids.size(), "one order for one key: " + ids);
        confirm(PARTNER, customerId, quoteId, key).then().statusCode(202).body("id", equalTo(ids.get(0)));

        assertEquals(1, rows("select count(*) from license_order where customer_id = ?1", customerId));
        assertEquals(1, outboxed(customerId, "LicenseUpdateRequested"), "charged once");

        String otherQuote = quote(PARTNER, customerId, "{\"imCredits\": 50}");
        confirm(PARTNER, customerId, otherQuote, key).then().statusCode(422)
                .body("detail", containsString("already confirmed another quote"), "violations[0].field", equalTo("Idempotency-Key"));
        confirm(PARTNER, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(409)
                .body("detail", containsString("already confirmed"));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json").body("{\"quoteId\": \"%s\"}".formatted(quoteId))
                .post("/api/customers/{id}/license-updates", customerId).then().statusCode(400)
                .body("violations[0].field", equalTo("idempotencyKey"));
        assertEquals(1, outboxed(customerId, "LicenseUpdateRequested"));
    }

    @Test
    void shouldRefuseAnExpiredQuote() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String quoteId = quote(PARTNER, customerId, "{\"imCredits\": 25}");
        QuarkusTransaction.requiringNew().run(() -> Subscription.getEntityManager()
                .createNativeQuery("update quote set expires_at = ?1 where id = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, UUID.fromString(quoteId)).executeUpdate());

        confirm(PARTNER, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("expired"));
        assertEquals(0, rows("select count(*) from license_order where customer_id = ?1", customerId));
        assertEquals(0, outboxed(customerId, "LicenseUpdateRequested"));
    }

    @Test
    void shouldAcceptAConfirmRightAfterChangeCardBeforeThisServiceHeardOfTheCard() {
        // billing has the card, its CardUpdated has not arrived here yet: the confirm is not refused, billing charges the card
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        assertFalse(subscription(PARTNER, customerId).getBoolean("cardOnFile"));
        String orderId = placeOrder(customerId, "{\"imCredits\": 25}");
        await().atMost(PATIENCE).until(() -> emitted(customerId, "LicenseUpdateRequested").size() == 1);

        paymentSucceeded(PARTNER, customerId, orderId);
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        await().atMost(PATIENCE).until(() -> emitted(customerId, "CreditsPurchased").size() == 1);
    }

    @Test
    void shouldFailTheOrderAsNoCardWhenBillingHasNoCardAndSayWhy() {
        // was: the confirm refused 409 "no card on file" on this service's copy of the card; now billing, which holds it, decides
        UUID never = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        UUID removed = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        billing("CardRemoved", PARTNER, removed, "{\"customerId\": \"%s\"}".formatted(removed));
        await().atMost(PATIENCE).until(() -> !subscription(PARTNER, removed).getBoolean("cardOnFile"));

        for (UUID customerId : List.of(never, removed)) {
            int version = subscription(PARTNER, customerId).getInt("version");
            String orderId = placeOrder(customerId, UPGRADE_WITH_CREDITS);
            billing("PaymentFailed", PARTNER, customerId, """
                    {"orderId": "%s", "reason": "NO_CARD", "message": "The customer has no card on file; put one on with Change Card and try again"}"""
                    .formatted(orderId));
            awaitOrderStatus(PARTNER, orderId, "FAILED");
            given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/license-updates/{id}", orderId).then()
                    .body("failureReason", equalTo("NO_CARD"), "failureMessage", containsString("no card on file"),
                            "chargeId", nullValue(), "invoiceId", nullValue());
            assertEquals("STANDARD", subscription(PARTNER, customerId).getString("planCode"));
            assertEquals(version, subscription(PARTNER, customerId).getInt("version"), "a failed order changes nothing");
            assertEquals(0, outboxed(customerId, "LicenseUpdated") + outboxed(customerId, "CreditsPurchased"));
        }
    }

    @Test
    void shouldCompleteAnOrderWithNothingToChargeOnAPaymentWithoutChargeOrInvoice() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String orderId = placeOrder(customerId, POSTPAID_ADD_ON_ALONE);
        assertEquals("0.00", order(PARTNER, orderId).getString("total.amount"));
        await().atMost(PATIENCE).until(() -> emitted(customerId, "LicenseUpdateRequested").size() == 1);
        assertEquals("0.00", emitted(customerId, "LicenseUpdateRequested").get(0).getString("data.total.amount"), "billing is still asked");

        // billing found a card and charged nothing: no charge, no invoice
        billing("PaymentSucceeded", PARTNER, customerId, """
                {"orderId": "%s", "chargeId": null, "invoiceId": null, "amount": {"amount": "0.00", "currency": "USD"}}""".formatted(orderId));
        awaitOrderStatus(PARTNER, orderId, "COMPLETED");
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/license-updates/{id}", orderId).then()
                .body("chargeId", nullValue(), "invoiceId", nullValue(), "failureReason", nullValue(), "refund", nullValue());
        assertEquals(1, subscription(PARTNER, customerId).getInt("addOns.find { it.code == 'IM_OVERAGE' }.quantity"));
        await().atMost(PATIENCE).until(() -> emitted(customerId, "LicenseUpdated").size() == 1);
        JsonPath updated = emitted(customerId, "LicenseUpdated").get(0);
        assertEquals(orderId, updated.getString("data.orderId"));
        assertEquals("POSTPAID", updated.getString("data.addOns.find { it.code == 'IM_OVERAGE' }.kind"));
        assertEquals(1, updated.getInt("data.addOns.find { it.code == 'IM_OVERAGE' }.quantity"));
        assertEquals(0, outboxed(customerId, "CreditsPurchased") + outboxed(customerId, "RefundRequested"));
    }

    @Test
    void shouldLetTheNextPurchaseThroughOnceAnOrderWithNothingToChargeFailed() {
        UUID customerId = registerCustomer(PARTNER, "STANDARD", 3, "USD");
        String failed = placeOrder(customerId, POSTPAID_ADD_ON_ALONE);
        billing("PaymentFailed", PARTNER, customerId, """
                {"orderId": "%s", "reason": "NO_CARD", "message": "The customer has no card on file"}""".formatted(failed));
        awaitOrderStatus(PARTNER, failed, "FAILED");

        // the partner adds a card and confirms again at once: the failed order holds nothing up
        String next = placeOrder(customerId, POSTPAID_ADD_ON_ALONE);
        billing("PaymentSucceeded", PARTNER, customerId, """
                {"orderId": "%s", "chargeId": null, "invoiceId": null, "amount": {"amount": "0.00", "currency": "USD"}}""".formatted(next));
        awaitOrderStatus(PARTNER, next, "COMPLETED");
        assertEquals("NO_CARD", order(PARTNER, failed).getString("failureReason"));
        assertEquals(1, subscription(PARTNER, customerId).getInt("addOns.find { it.code == 'IM_OVERAGE' }.quantity"));
    }

    @Test
    void shouldFailAndRefundAPaymentThatIsNotTheOrdersTotal() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        int version = subscription(PARTNER, customerId).getInt("version");
        List<String> wrongAmounts = Arrays.asList(
                "{\"amount\": \"1.00\", \"currency\": \"USD\"}", // another amount
                "{\"amount\": \"51.50\", \"currency\": \"EUR\"}", // the total's figure in another currency
                "{\"amount\": \"51.50\"}", // no currency
                null); // no amount at all (an old event): never trusted
        List<String> orderIds = new ArrayList<>();
        for (String amount : wrongAmounts) {
            String orderId = placeOrder(customerId, "{\"imCredits\": 25}");
            assertEquals("51.50", order(PARTNER, orderId).getString("total.amount"));
            paymentSucceeded(PARTNER, customerId, orderId, amount);
            awaitOrderStatus(PARTNER, orderId, "FAILED");
            given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/license-updates/{id}", orderId).then()
                    .body("failureReason", equalTo("AMOUNT_MISMATCH"), "failureMessage", containsString("51.50 USD"),
                            "refund", equalTo("REQUESTED"), "chargeId", equalTo("ch_" + orderId));
            orderIds.add(orderId);
        }
        String last = orderIds.get(orderIds.size() - 1);
        paymentSucceeded(PARTNER, customerId, last); // the right amount after the mismatch: the order stays failed, one refund
        awaitBillingEventsConsumed(customerId);

        List<JsonPath> refunds = emitted(customerId, "RefundRequested");
        assertEquals(orderIds.stream().sorted().toList(), refunds.stream().map(refund -> refund.getString("data.orderId")).sorted().toList(),
                "one refund per order");
        refunds.forEach(refund -> {
            assertEquals("AMOUNT_MISMATCH", refund.getString("data.reason"));
            assertEquals(customerId.toString(), refund.getString("data.customerId"));
        });
        assertEquals(version, subscription(PARTNER, customerId).getInt("version"), "no mismatched payment applied anything");
        assertEquals(0, outboxed(customerId, "LicenseUpdated") + outboxed(customerId, "CreditsPurchased"));

        billing("PaymentRefunded", PARTNER, customerId, """
                {"orderId": "%s", "chargeId": "ch_%s", "amount": {"amount": "1.00", "currency": "USD"}}""".formatted(orderIds.get(0), orderIds.get(0)));
        await().atMost(PATIENCE).until(() -> "REFUNDED".equals(order(PARTNER, orderIds.get(0)).getString("refund")));
    }

    @Test
    void shouldTimeOutAPendingOrderAndRefundAPaymentThatArrivesLater() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String orderId = placeOrder(customerId, UPGRADE_WITH_CREDITS);

        licenseUpdates.timeOutPendingOrders(Instant.now().plus(Duration.ofMinutes(9)));
        assertEquals("PENDING_PAYMENT", order(PARTNER, orderId).getString("status"), "not yet overdue");
        assertTrue(licenseUpdates.timeOutPendingOrders(Instant.now().plus(Duration.ofMinutes(11))) >= 1);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/license-updates/{id}", orderId).then()
                .body("status", equalTo("FAILED"), "failureReason", equalTo("PAYMENT_TIMEOUT"));

        paymentSucceeded(PARTNER, customerId, orderId);
        await().atMost(PATIENCE).until(() -> emitted(customerId, "RefundRequested").size() == 1);
        JsonPath refund = emitted(customerId, "RefundRequested").get(0);
        assertEquals(orderId, refund.getString("data.orderId"));
        assertEquals("PAYMENT_TIMEOUT", refund.getString("data.reason"));
        assertEquals("REQUESTED", order(PARTNER, orderId).getString("refund"));
        assertEquals("STANDARD", subscription(PARTNER, customerId).getString("planCode"), "a timed-out order changes nothing");
        assertEquals(0, outboxed(customerId, "CreditsPurchased"));

        billing("PaymentRefunded", PARTNER, customerId, """
                {"orderId": "%s", "chargeId": "ch_%s", "amount": {"amount": "1.00", "currency": "USD"}}""".formatted(orderId, orderId));
        await().atMost(PATIENCE).until(() -> "REFUNDED".equals(order(PARTNER, orderId).getString("refund")));
        assertEquals(1, outboxed(customerId, "RefundRequested"));
    }

    @Test
    void shouldHideOrdersFromOtherPartners() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String quoteId = quote(PARTNER, customerId, "{\"imCredits\": 25}");
        String orderId = confirm(PARTNER, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(202).extract().path("id");

        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/license-updates/{id}", orderId).then().statusCode(404);
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/license-updates", customerId).then().statusCode(404);
        confirm(OTHER_PARTNER, customerId, quoteId, UUID.randomUUID().toString()).then().statusCode(404);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/license-updates", customerId).then().statusCode(200)
                .body("total", equalTo(1), "items[0].id", equalTo(orderId));
        given().auth().oauth2(Tokens.ops()).get("/api/license-updates/{id}", orderId).then().statusCode(200);
    }

    @Test
    void shouldRefuseOrderPagesBeyondTheLargestOneNamingPage() {
        UUID customerId = customerWithCard(PARTNER, "STANDARD", 3, "USD");
        String orders = "/api/customers/" + customerId + "/license-updates?";
        // page × size overflowed an int and answered 500
        given().auth().oauth2(Tokens.partner(PARTNER)).get(orders + "page=2147483647&size=500").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", equalTo(List.of("page", "size")),
                        "detail", containsString("page: must be less than or equal to 10000"));
        given().auth().oauth2(Tokens.partner(PARTNER)).get(orders + "page=10001&size=200").then().statusCode(400)
                .body("violations.field", equalTo(List.of("page")));
        // not an int at all: a 400 naming the parameter, not a 404 for the whole address
        for (String query : List.of("page=9223372036854775807", "page=abc", "size=1.5")) {
            String param = query.substring(0, query.indexOf('='));
            given().auth().oauth2(Tokens.partner(PARTNER)).get(orders + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of(param)), "detail", containsString(param + ": must be a whole number"));
        }
        given().auth().oauth2(Tokens.partner(PARTNER)).get(orders + "page=10000&size=200").then().statusCode(200)
                .body("total", equalTo(0), "page", equalTo(10000), "items", equalTo(List.of()));
    }
}
