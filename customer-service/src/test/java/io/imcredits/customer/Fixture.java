package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Steps the tests share: their own partners and customers, a valid body per operation, the events published. */
final class Fixture {

    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");

    private Fixture() {}

    static void onboard(UUID partnerId, String name) {
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "country": "GB", "currency": "USD"}""".formatted(name))
                .put("/api/partners/{id}", partnerId)
                .then().statusCode(200);
    }

    static String register(UUID partnerId, String company, String email) {
        return given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON)
                .body("""
                        {"companyName": "%s", "contactName": "Ann Lee", "email": "%s", "phone": "+44 20 7946 0958",
                         "country": "GB", "planCode": "STANDARD", "agents": 5}""".formatted(company, email))
                .post("/api/customers")
                .then().statusCode(201).body("partnerId", equalTo(partnerId.toString()))
                .extract().path("id");
    }

    /** The events of one customer on test.customer.events with the given type, oldest first. */
    static List<JsonPath> customerEvents(String customerId, String type) {
        return CUSTOMER_EVENTS.recordsWithKey(customerId).stream()
                .map(record -> JsonPath.from(record.value()))
                .filter(event -> type.equals(event.getString("type")))
                .toList();
    }

    /** A body the operation accepts: a refusal in the isolation and bad-input suites is then about who calls or what broke. */
    static String validBody(String operation) {
        return switch (operation) {
            case "POST /api/customers", "PUT /api/customers/{id}" -> """
                    {"companyName": "Valid Corp", "contactName": "Ann Lee", "email": "ann@valid.example", "phone": "+44 20 7946 0958",
                     "country": "GB", "deskOrgId": "valid-desk", "planCode": "STANDARD", "agents": 5, "version": 0}""";
            case "POST /api/customers/{customerId}/deals" -> """
                    {"planCode": "ENTERPRISE", "agents": 250, "imCredits": 500000,
                     "estimatedValue": {"amount": "250000.50", "currency": "USD"},
                     "expectedCloseDate": "%s", "notes": "Rollout to three support centres"}""".formatted(LocalDate.now().plusMonths(3));
            case "POST /api/customers/{customerId}/deals/{dealId}/approval" -> """
                    {"decision": "APPROVED", "reason": "Volume pricing agreed"}""";
            case "PUT /api/partners/{id}" -> """
                    {"name": "Renamed", "country": "GB", "currency": "USD"}""";
            default -> throw new AssertionError("New operation " + operation + ": give Fixture.validBody a valid body for it");
        };
    }
}
