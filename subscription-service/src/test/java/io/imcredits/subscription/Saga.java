package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Plays customer-service and billing-service for the tests, through the real broker, and reads what this service emits. */
final class Saga {

    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");
    static final KafkaTopic BILLING_EVENTS = new KafkaTopic("test.billing.events");
    static final KafkaTopic SUBSCRIPTION_EVENTS = new KafkaTopic("test.subscription.events");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The keys of money wherever this service writes it, in answers and in events: amount and currency only. */
    static final Set<String> MONEY = Set.of("amount", "currency");

    private Saga() {}

    static String envelope(UUID eventId, String type, String source, UUID partnerId, UUID customerId, String data) {
        return """
                {"eventId": "%s", "type": "%s", "version": 1, "occurredAt": "%s", "source": "%s",
                 "partnerId": "%s", "customerId": "%s", "correlationId": "%s", "data": %s}"""
                .formatted(eventId, type, Instant.now(), source, partnerId, customerId, UUID.randomUUID(), data);
    }

    /** A CustomerRegistered record as customer-service writes it (a Professional customer with 5 agents, paying in USD). */
    static String customerRegistered(UUID eventId, UUID customerId, UUID partnerId) {
        return """
                {"eventId": "%s", "type": "CustomerRegistered", "version": 1, "occurredAt": "%s",
                 "source": "customer-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"customerId": "%s", "partnerId": "%s", "companyName": "Zylker", "email": "ann@zylker.example",
                          "country": "IN", "currency": "USD", "planCode": "PROFESSIONAL", "agents": 5, "payer": "PARTNER"}}"""
                .formatted(eventId, Instant.now(), partnerId, customerId, customerId, customerId, partnerId);
    }

    /** Registers a customer (as customer-service would) and waits until its subscription is open. */
    static UUID registerCustomer(UUID partnerId, String planCode, int agents, String currency) {
        UUID customerId = UUID.randomUUID();
        CUSTOMER_EVENTS.send(customerId.toString(), envelope(UUID.randomUUID(), "CustomerRegistered", "customer-service", partnerId, customerId, """
                {"customerId": "%s", "partnerId": "%s", "companyName": "Zylker", "email": "ann@zylker.example", "country": "US",
                 "currency": "%s", "planCode": "%s", "agents": %d, "payer": "PARTNER"}""".formatted(customerId, partnerId, currency, planCode, agents)));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(Tokens.partner(partnerId))
                .get("/api/customers/{id}/subscription", customerId).statusCode() == 200);
        return customerId;
    }

    /** A registered customer with a card on file, as billing-service would report it. */
    static UUID customerWithCard(UUID partnerId, String planCode, int agents, String currency) {
        UUID customerId = registerCustomer(partnerId, planCode, agents, currency);
        billing("CardUpdated", partnerId, customerId, """
                {"customerId": "%s", "brand": "VISA", "last4": "4242", "expMonth": 12, "expYear": 2030, "payer": "PARTNER"}""".formatted(customerId));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> subscription(partnerId, customerId).getBoolean("cardOnFile"));
        return customerId;
    }

    static String billing(String type, UUID partnerId, UUID customerId, String data) {
        String record = envelope(UUID.randomUUID(), type, "billing-service", partnerId, customerId, data);
        BILLING_EVENTS.send(customerId.toString(), record);
        return record;
    }

    /** billing's answer for a charge of the order's total, as billing-service reports it. */
    static String paymentSucceeded(UUID partnerId, UUID customerId, String orderId) {
        JsonPath order = order(partnerId, orderId);
        return paymentSucceeded(partnerId, customerId, orderId, "{\"amount\": \"%s\", \"currency\": \"%s\"}"
                .formatted(order.getString("total.amount"), order.getString("total.currency")));
    }

    /** A PaymentSucceeded with the given data.amount (JSON, or null to leave it out). */
    static String paymentSucceeded(UUID partnerId, UUID customerId, String orderId, String amount) {
        return billing("PaymentSucceeded", partnerId, customerId, """
                {"orderId": "%s", "chargeId": "ch_%s", "invoiceId": "%s"%s}"""
                .formatted(orderId, orderId, UUID.randomUUID(), amount == null ? "" : ", \"amount\": " + amount));
    }

    static JsonPath subscription(UUID partnerId, UUID customerId) {
        return given().auth().oauth2(Tokens.partner(partnerId)).get("/api/customers/{id}/subscription", customerId)
                .then().statusCode(200).extract().jsonPath();
    }

    static String quote(UUID partnerId, UUID customerId, String body) {
        return given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON).body(body)
                .post("/api/customers/{id}/quotes", customerId)
                .then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response confirm(UUID partnerId, UUID customerId, String quoteId, String idempotencyKey) {
        return given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body("{\"quoteId\": \"%s\"}".formatted(quoteId))
                .post("/api/customers/{id}/license-updates", customerId);
    }

    static JsonPath order(UUID partnerId, String orderId) {
        return given().auth().oauth2(Tokens.partner(partnerId)).get("/api/license-updates/{id}", orderId)
                .then().statusCode(200).extract().jsonPath();
    }

    static void awaitOrderStatus(UUID partnerId, String orderId, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> order(partnerId, orderId).getString("status").equals(status));
    }

    /** The events this service emitted about one customer, of one type. */
    static List<JsonPath> emitted(UUID customerId, String type) {
        return SUBSCRIPTION_EVENTS.recordsWithKey(customerId.toString()).stream()
                .map(record -> JsonPath.from(record.value()))
                .filter(event -> type.equals(event.getString("type")))
                .toList();
    }
}
