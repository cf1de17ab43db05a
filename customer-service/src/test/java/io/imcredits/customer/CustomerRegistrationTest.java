package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(TestKeys.class)
class CustomerRegistrationTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");

    @BeforeEach
    void onboardPartners() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        onboard(PARTNER, "Acme Resellers");
        onboard(OTHER_PARTNER, "Globex Partners");
    }

    static void onboard(UUID partnerId, String name) {
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "country": "GB", "currency": "USD"}""".formatted(name))
                .put("/api/partners/{id}", partnerId)
                .then().statusCode(200).body("id", equalTo(partnerId.toString()));
    }

    static String register(UUID partnerId, String company) {
        return given().auth().oauth2(Tokens.partner(partnerId)).contentType(ContentType.JSON)
                .body("""
                        {"companyName": "%s", "contactName": "Ann Lee", "email": "ann@example.com",
                         "phone": "+44 20 7946 0958", "country": "GB", "planCode": "PROFESSIONAL", "agents": 5}""".formatted(company))
                .post("/api/customers")
                .then().statusCode(201)
                .header("Location", containsString("/api/customers/"))
                .body("partnerId", equalTo(partnerId.toString()), "status", equalTo("ACTIVE"), "payer", equalTo("PARTNER"))
                .extract().path("id");
    }

    @Test
    void shouldPublishCustomerRegisteredExactlyOnce() {
        String customerId = register(PARTNER, "Zylker Corp");

        await().atMost(Duration.ofSeconds(20)).until(() -> !CUSTOMER_EVENTS.recordsWithKey(customerId).isEmpty());
        List<ConsumerRecord<String, String>> records = CUSTOMER_EVENTS.recordsWithKey(customerId);
        assertEquals(1, records.size(), "one CustomerRegistered per registration");
        JsonPath event = JsonPath.from(records.get(0).value());
        assertEquals("CustomerRegistered", event.getString("type"));
        assertEquals("customer-service", event.getString("source"));
        assertEquals(PARTNER.toString(), event.getString("partnerId"));
        assertEquals(customerId, event.getString("data.customerId"));
        assertEquals("PROFESSIONAL", event.getString("data.planCode"));
        assertEquals(5, event.getInt("data.agents"));
        assertEquals("USD", event.getString("data.currency"));
        // the record's fields and nothing else: its type travels in the envelope, not in data
        assertEquals(List.of("customerId", "partnerId", "companyName", "email", "country", "currency", "deskOrgId",
                "planCode", "agents", "payer"), List.copyOf(event.getMap("data").keySet()));
    }

    @Test
    void shouldShowACustomerOnlyToItsPartner() {
        String customerId = register(PARTNER, "Initech");

        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}", customerId)
                .then().statusCode(200).body("companyName", equalTo("Initech"), "version", equalTo(0));
        String foreign = given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}", customerId)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String unknown = given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}", UUID.randomUUID())
                .then().statusCode(404).extract().path("detail");
        assertEquals(foreign.replace(customerId, "?"), unknown.replaceAll("[0-9a-f-]{36}", "?"),
                "another partner's customer looks exactly like a missing one");
    }

    @Test
    void shouldRefuseCallsWithoutAValidToken() {
        UUID customerId = UUID.randomUUID();
        for (String token : List.of("", "not-a-jwt", Tokens.expiredPartner(PARTNER), signedByStranger())) {
            var request = given();
            if (!token.isEmpty()) request.auth().oauth2(token);
            request.get("/api/customers/{id}", customerId)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer").body("detail", containsString("Bearer token"));
        }
    }

    /** Clocks drift: a token issued a few seconds "from now" is fine, one issued beyond the 5 s skew is not. */
    @Test
    void shouldRefuseATokenIssuedBeyondTheClockSkew() {
        Instant now = Instant.now();
        given().auth().oauth2(Tokens.partner(PARTNER, token -> token.issuedAt(now.plusSeconds(3)).expiresAt(now.plusSeconds(303))))
                .get("/api/partners/me").then().statusCode(200);
        given().auth().oauth2(Tokens.partner(PARTNER, token -> token.issuedAt(now.plusSeconds(30)).expiresAt(now.plusSeconds(330))))
                .get("/api/partners/me")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void shouldRefuseATokenWithoutTheNeededRole() {
        given().auth().oauth2(Tokens.desk(UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{}").post("/api/customers")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldExplainAMalformedBodyAndStoreNothing() {
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("{\"companyName\": \"Broken")
                .post("/api/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"), "detail", not(containsString("Exception")));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("{\"companyName\": \"Acme\", \"agents\": \"many\"}")
                .post("/api/customers")
                .then().statusCode(400).body("detail", containsString("'agents'"));
    }

    @Test
    void shouldNameEveryInvalidField() {
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body("""
                        {"companyName": "", "contactName": "Ann", "email": "not-an-email", "country": "gb", "agents": 0}""")
                .post("/api/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("companyName"), "violations.field", hasItem("email"),
                        "violations.field", hasItem("country"), "violations.field", hasItem("agents"));
    }

    @Test
    void shouldAnswerUnknownPathsWithProblemDetails() {
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldServeTheOperationsConsoleWithoutAToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("customer-service"), "components.securitySchemes", not(equalTo(null)));
        given().get("/q/metrics").then().statusCode(200);
    }

    private static String signedByStranger() {
        try {
            return Tokens.signedByStranger(PARTNER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
