package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Steps the tests share: a registered customer, a card on file, the events this service published. */
final class Fixture {

    private Fixture() {}

    /** A new customer of the partner, known to this service (CustomerRegistered consumed). */
    static UUID customerOf(UUID partnerId) {
        UUID customerId = UUID.randomUUID();
        Events.CUSTOMER_EVENTS.send(customerId.toString(), Events.customerRegistered(UUID.randomUUID(), customerId, partnerId));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> CustomerOwner.findById(customerId)) != null);
        return customerId;
    }

    static String cardBody(String number) {
        return """
                {"number": "%s", "expMonth": 12, "expYear": 2035, "cvc": "123", "holderName": "Ann Lee", "billingCountry": "GB"}"""
                .formatted(number);
    }

    static void putCard(UUID partnerId, UUID customerId, String number) {
        given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON).body(cardBody(number))
                .put("/api/customers/{id}/card", customerId)
                .then().statusCode(200);
    }

    /** The data of the events of this type that this service published for the customer. */
    static List<JsonPath> published(UUID customerId, String type) {
        return Events.BILLING_EVENTS.recordsWithKey(customerId.toString()).stream()
                .map(ConsumerRecord::value).map(JsonPath::from)
                .filter(event -> type.equals(event.getString("type")))
                .map(event -> JsonPath.from(event.prettify()).setRootPath("data"))
                .toList();
    }

    /** Waits until the event is published, then returns the only one. */
    static JsonPath awaitOne(UUID customerId, String type) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> !published(customerId, type).isEmpty());
        List<JsonPath> events = published(customerId, type);
        if (events.size() != 1) throw new AssertionError("expected one " + type + " for " + customerId + " but got " + events.size());
        return events.get(0);
    }

    static Card card(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> Card.findById(customerId));
    }

    /** A body the operation accepts, so a refusal is about who calls or what is broken, not the rest of the body. */
    static String validBody(String operation, UUID customerId) {
        return switch (operation) {
            case "PUT /api/customers/{id}/card" -> cardBody("4242 4242 4242 4242");
            case "POST /api/billing-periods/close" -> "{\"until\": \"%s\", \"customerId\": \"%s\"}".formatted(Instant.now(), customerId);
            default -> throw new AssertionError("New operation " + operation + ": give Fixture.validBody a valid body for it");
        };
    }

    static Charge charge(UUID orderId) {
        return QuarkusTransaction.requiringNew().call(() -> Charge.forOrder(orderId).orElse(null));
    }

    static long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Charge.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) query.setParameter(i + 1, parameters[i]);
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
