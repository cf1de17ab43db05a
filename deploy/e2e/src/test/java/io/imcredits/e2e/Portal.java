package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What the partner portal and the Desk app do, over HTTP, against the four running services. */
final class Portal {

    static final String CUSTOMERS = "http://127.0.0.1:8081";
    static final String SUBSCRIPTIONS = "http://127.0.0.1:8082";
    static final String CREDITS = "http://127.0.0.1:8083";
    static final String BILLING = "http://127.0.0.1:8084";

    /** Sandbox gateway test cards (see the README). */
    static final String CARD_OK = "4242424242424242";
    static final String CARD_DECLINED = "4000000000000002";
    /** Fails with a temporary error twice, then succeeds: the charge is retried with backoff. */
    static final String CARD_FLAKY = "4000000000000119";

    /** The demo partners of the realm (deploy/keycloak/imcredits-realm.json), as deploy/demo-data.sh onboards them. */
    static final UUID ACME = UUID.fromString("8a1c2f4e-0b6d-4c8e-9f3a-1d2e3f4a5b6c");
    static final UUID GLOBEX = UUID.fromString("3f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d");

    final UUID partnerId;
    final String token;

    /** A partner of its own for each test class: its customers are the only ones it sees. */
    Portal(String name) {
        this(UUID.randomUUID(), name, "GB", "USD", null);
    }

    private Portal(UUID partnerId, String name, String country, String currency, String demoUser) {
        this.partnerId = partnerId;
        given().baseUri(CUSTOMERS).auth().oauth2(Deploy.opsToken()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "country", country, "currency", currency))
                .put("/api/partners/{id}", partnerId)
                .then().statusCode(200);
        token = demoUser == null ? Deploy.partnerToken(partnerId) : Deploy.demoPartnerToken(demoUser);
    }

    /** Acme Resellers, whose user acme / acme-demo the README prints: the browser tests sign in as it. */
    static Portal acme() {
        return new Portal(ACME, "Acme Resellers", "GB", "USD", "acme");
    }

    static Portal globex() {
        return new Portal(GLOBEX, "Globex Partners", "DE", "EUR", "globex");
    }

    RequestSpecification as(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /**
     * How long a service may take to catch up with an event: a service restarted after kill -9 gets its
     * partitions back only once the broker has dropped its dead consumer (session timeout, 45 s).
     */
    static final Duration CATCH_UP = Duration.ofSeconds(90);

    /** Registers a customer and waits until the other three services have learnt of it. */
    String registerCustomer(String company) {
        String id = as(CUSTOMERS)
                .body(Map.of("companyName", company, "contactName", "Ann Lee", "email", "ann@" + company.toLowerCase().replace(' ', '-') + ".example",
                        "phone", "+44 20 7946 0958", "country", "GB", "planCode", "STANDARD", "agents", 5))
                .post("/api/customers")
                .then().statusCode(201).extract().path("id");
        await("subscription of " + id).atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> as(SUBSCRIPTIONS).get("/api/customers/{id}/subscription", id).statusCode() == 200);
        await("credit account of " + id).atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> as(CREDITS).get("/api/customers/{id}/credits", id).statusCode() == 200);
        return id;
    }

    /** Change Card; waits until subscription-service has heard of it (CardUpdated) and so accepts a confirm. */
    void putCard(String customerId, String number) {
        await("billing knows " + customerId).atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> as(BILLING).body(card(number)).put("/api/customers/{id}/card", customerId).statusCode() == 200);
        await("card known to subscriptions of " + customerId).atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> as(SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId)
                        .then().extract().jsonPath().getBoolean("cardOnFile"));
    }

    static Map<String, Object> card(String number) {
        return Map.of("number", number, "expMonth", 12, "expYear", 2030, "cvc", "123",
                "holderName", "Ann Lee", "billingCountry", "GB");
    }

    /** A quote for the given body; returns it. */
    JsonPath quote(String customerId, Map<String, Object> body) {
        return as(SUBSCRIPTIONS).body(body).post("/api/customers/{id}/quotes", customerId)
                .then().statusCode(201).extract().jsonPath();
    }

    /** Update License → OK: confirms a quote with an idempotency key; returns the order id. */
    String confirm(String customerId, String quoteId, String idempotencyKey) {
        return as(SUBSCRIPTIONS).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("quoteId", quoteId))
                .post("/api/customers/{id}/license-updates", customerId)
                .then().statusCode(202).body("status", equalTo("PENDING_PAYMENT")).extract().path("id");
    }

    /** Waits for the order to leave PENDING_PAYMENT and returns it. */
    JsonPath awaitOrderSettled(String orderId, Duration within) {
        await("order " + orderId + " settled").atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> !"PENDING_PAYMENT".equals(order(orderId).getString("status")));
        return order(orderId);
    }

    JsonPath order(String orderId) {
        return as(SUBSCRIPTIONS).get("/api/license-updates/{id}", orderId).then().statusCode(200).extract().jsonPath();
    }

    JsonPath credits(String customerId) {
        return given().baseUri(CREDITS).auth().oauth2(Deploy.deskToken(customerId))
                .get("/api/customers/{id}/credits", customerId).then().statusCode(200).extract().jsonPath();
    }

    JsonPath invoices(String customerId) {
        return as(BILLING).get("/api/customers/{id}/invoices", customerId).then().statusCode(200).extract().jsonPath();
    }
}
