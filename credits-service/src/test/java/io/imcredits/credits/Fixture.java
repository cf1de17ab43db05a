package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Plays customer-service and subscription-service through the real broker, calls the API as Desk does, and reads what this service did. */
final class Fixture {

    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");
    static final KafkaTopic SUBSCRIPTION_EVENTS = new KafkaTopic("test.subscription.events");
    static final KafkaTopic CREDITS_EVENTS = new KafkaTopic("test.credits.events");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Fixture() {}

    /** A new customer of the partner with a USD credit account, once this service has opened it. */
    static UUID customer(UUID partnerId) {
        UUID customerId = UUID.randomUUID();
        CUSTOMER_EVENTS.send(customerId.toString(), customerRegistered(UUID.randomUUID(), customerId, partnerId));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> account(customerId) != null);
        return customerId;
    }

    static String customerRegistered(UUID eventId, UUID customerId, UUID partnerId) {
        return """
                {"eventId": "%s", "type": "CustomerRegistered", "version": 1, "occurredAt": "%s",
                 "source": "customer-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"customerId": "%s", "partnerId": "%s", "companyName": "Zylker", "email": "ann@zylker.example",
                          "country": "IN", "currency": "USD", "planCode": "PROFESSIONAL", "agents": 5, "payer": "PARTNER"}}"""
                .formatted(eventId, Instant.now(), partnerId, customerId, customerId, customerId, partnerId);
    }

    static String creditsPurchased(UUID eventId, UUID customerId, UUID partnerId, UUID orderId, String amount) {
        return """
                {"eventId": "%s", "type": "CreditsPurchased", "version": 1, "occurredAt": "%s",
                 "source": "subscription-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"orderId": "%s", "customerId": "%s", "credits": 400, "amount": {"amount": "%s", "currency": "USD"}}}"""
                .formatted(eventId, Instant.now(), partnerId, customerId, orderId, orderId, customerId, amount);
    }

    static String licenseUpdated(UUID customerId, UUID partnerId, String addOnKind) {
        return """
                {"eventId": "%s", "type": "LicenseUpdated", "version": 1, "occurredAt": "%s",
                 "source": "subscription-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"orderId": "%s", "customerId": "%s", "planCode": "PROFESSIONAL", "agents": 5,
                          "addOns": [{"code": "IM_POSTPAID", "kind": "%s", "quantity": 1}]}}"""
                .formatted(UUID.randomUUID(), Instant.now(), partnerId, customerId, customerId, UUID.randomUUID(), customerId, addOnKind);
    }

    /** Grants amount through a CreditsPurchased event and waits until the balance shows it. */
    static void grant(UUID customerId, UUID partnerId, String amount) {
        BigDecimal expected = available(customerId).add(new BigDecimal(amount));
        SUBSCRIPTION_EVENTS.send(customerId.toString(),
                creditsPurchased(UUID.randomUUID(), customerId, partnerId, UUID.randomUUID(), amount));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> available(customerId).compareTo(expected) == 0);
    }

    static CreditAccount account(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> CreditAccount.findById(customerId));
    }

    static BigDecimal available(UUID customerId) {
        return account(customerId).available;
    }

    static BigDecimal ledgerSum(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.sumFor(customerId));
    }

    static long entries(UUID customerId, LedgerEntry.Type type) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("customerId = ?1 and type = ?2", customerId, type));
    }

    static String message(String messageId, String country, String category) {
        return """
                {"messageId": "%s", "channel": "WHATSAPP", "country": "%s", "category": "%s", "window": "NONE"}"""
                .formatted(messageId, country, category);
    }

    static ValidatableResponse debit(String token, UUID customerId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/customers/{id}/credits/debits", customerId).then();
    }

    static ValidatableResponse hold(String token, UUID customerId, String messageId, String country, String category) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(message(messageId, country, category))
                .post("/api/customers/{id}/credits/holds", customerId).then();
    }

    static ValidatableResponse close(String token, UUID customerId, String holdId, String action, String body) {
        var request = given().auth().oauth2(token);
        if (!body.isEmpty()) request = request.contentType(ContentType.JSON).body(body);
        return request.post("/api/customers/{id}/credits/holds/{holdId}/" + action, customerId, holdId).then();
    }

    static ValidatableResponse balance(UUID customerId) {
        return given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits", customerId).then().statusCode(200);
    }

    /** Spends n IN marketing messages (0.0107 each). */
    static void spend(UUID customerId, int n) {
        for (int i = 0; i < n; i++) {
            debit(Tokens.desk(customerId), customerId, message("wamid." + UUID.randomUUID(), "IN", "MARKETING")).statusCode(201);
        }
    }

    /** The types of the events this service published for the customer, oldest first. */
    static List<String> emitted(UUID customerId) {
        return CREDITS_EVENTS.recordsWithKey(customerId.toString()).stream()
                .map(record -> JsonPath.from(record.value()).getString("type")).toList();
    }

    static List<JsonPath> emitted(UUID customerId, String type) {
        return CREDITS_EVENTS.recordsWithKey(customerId.toString()).stream()
                .map(record -> JsonPath.from(record.value())).filter(event -> type.equals(event.getString("type"))).toList();
    }
}
