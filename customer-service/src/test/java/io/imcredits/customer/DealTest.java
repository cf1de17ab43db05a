package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(TestKeys.class)
class DealTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    static final String CLOSE_DATE = LocalDate.now().plusMonths(3).toString();

    @BeforeEach
    void onboardPartners() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Fixture.onboard(PARTNER, "Acme Resellers");
        Fixture.onboard(OTHER_PARTNER, "Globex Partners");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification asPartner() {
        return as(Tokens.partner(PARTNER));
    }

    private static String deal(String planCode) {
        return """
                {"planCode": "%s", "agents": 250, "imCredits": 500000,
                 "estimatedValue": {"amount": "250000.5", "currency": "USD"},
                 "expectedCloseDate": "%s", "notes": "Rollout to three support centres"}""".formatted(planCode, CLOSE_DATE);
    }

    private static String submit(String customerId, String planCode) {
        return asPartner().body(deal(planCode)).post("/api/customers/{id}/deals", customerId)
                .then().statusCode(201).extract().path("id");
    }

    private static List<JsonPath> dealsSubmitted(String customerId, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Fixture.customerEvents(customerId, "DealSubmitted").size() >= atLeast);
        return Fixture.customerEvents(customerId, "DealSubmitted");
    }

    @Test
    void shouldSubmitADealAndEmitDealSubmittedOnce() {
        String customerId = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");

        String location = asPartner().body(deal("ENTERPRISE")).post("/api/customers/{id}/deals", customerId)
                .then().statusCode(201)
                .body("status", equalTo("SUBMITTED"), "customerId", equalTo(customerId), "planCode", equalTo("ENTERPRISE"),
                        "agents", equalTo(250), "imCredits", equalTo(500000), "estimatedValue.amount", equalTo("250000.50"),
                        "estimatedValue.currency", equalTo("USD"), "expectedCloseDate", equalTo(CLOSE_DATE),
                        "decisionReason", nullValue())
                .extract().header("Location");
        String dealId = asPartner().get(location).then().statusCode(200)
                .body("estimatedValue.amount", equalTo("250000.50"), "notes", equalTo("Rollout to three support centres"))
                .extract().path("id");
        assertEquals(true, location.endsWith("/api/customers/" + customerId + "/deals/" + dealId));
        asPartner().get("/api/customers/{id}/deals", customerId).then().statusCode(200)
                .body("total", equalTo(1), "items[0].id", equalTo(dealId));

        List<JsonPath> events = dealsSubmitted(customerId, 1);
        assertEquals(1, events.size(), "one DealSubmitted per deal");
        JsonPath event = events.get(0);
        assertEquals(PARTNER.toString(), event.getString("partnerId"));
        assertEquals(dealId, event.getString("data.dealId"));
        assertEquals(customerId, event.getString("data.customerId"));
        assertEquals("ENTERPRISE", event.getString("data.planCode"));
        assertEquals(250, event.getInt("data.agents"));
        assertEquals(500000, event.getLong("data.imCredits"));
        assertEquals("250000.50", event.getString("data.estimatedValue.amount"));
        assertEquals("USD", event.getString("data.estimatedValue.currency"));
        assertEquals(CLOSE_DATE, event.getString("data.expectedCloseDate"));
    }

    /** Money is amount and currency only, in every answer and event that carries it (no zero, negative, …). */
    @Test
    void shouldWriteMoneyAsAmountAndCurrencyOnly() {
        String customerId = Fixture.register(PARTNER, "Cyberdyne", "miles@cyberdyne.example");
        String dealId = submit(customerId, "ENTERPRISE");
        Set<String> money = Set.of("amount", "currency");
        assertEquals(money, asPartner().get("/api/customers/{id}/deals/{dealId}", customerId, dealId)
                .then().statusCode(200).extract().jsonPath().getMap("estimatedValue").keySet());
        assertEquals(money, asPartner().get("/api/customers/{id}/deals", customerId)
                .then().statusCode(200).extract().jsonPath().getMap("items[0].estimatedValue").keySet());
        assertEquals(money, dealsSubmitted(customerId, 1).get(0).getMap("data.estimatedValue").keySet());
    }

    @Test
    void shouldRefuseASecondOpenDealForTheSamePlanNamingTheOpenOne() {
        String customerId = Fixture.register(PARTNER, "Initech", "peter@initech.example");
        String open = submit(customerId, "ENTERPRISE");

        asPartner().body(deal("ENTERPRISE")).post("/api/customers/{id}/deals", customerId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(open), "detail", containsString("ENTERPRISE"));
        submit(customerId, "PROFESSIONAL");
        asPartner().get("/api/customers/{id}/deals", customerId).then().body("total", equalTo(2));
    }

    @Test
    void shouldAcceptOnlyOneOfConcurrentSubmitsForTheSamePlan() throws Exception {
        String customerId = Fixture.register(PARTNER, "Massive Dynamic", "nina@massive.example");
        List<Integer> statuses = Concurrently.run(4, () -> asPartner().body(deal("ENTERPRISE"))
                .post("/api/customers/{id}/deals", customerId).statusCode());

        assertEquals(List.of(201, 409, 409, 409), statuses.stream().sorted().toList());
        asPartner().get("/api/customers/{id}/deals", customerId).then().body("total", equalTo(1));
    }

    @Test
    void shouldLetOperationsDecideOnceAndThePartnerSeeTheDecision() {
        String customerId = Fixture.register(PARTNER, "Umbrella", "alice@umbrella.example");
        String approved = submit(customerId, "ENTERPRISE");
        String rejected = submit(customerId, "PROFESSIONAL");

        as(Tokens.ops()).body("""
                {"decision": "APPROVED", "reason": "Volume pricing agreed"}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, approved)
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        as(Tokens.ops()).body("""
                {"decision": "REJECTED", "reason": "Plan not sold in this region"}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, rejected)
                .then().statusCode(200).body("status", equalTo("REJECTED"));

        asPartner().get("/api/customers/{id}/deals/{dealId}", customerId, approved).then().statusCode(200)
                .body("status", equalTo("APPROVED"), "decisionReason", equalTo("Volume pricing agreed"), "decidedAt", notNullValue());
        asPartner().get("/api/customers/{id}/deals/{dealId}", customerId, rejected).then()
                .body("status", equalTo("REJECTED"), "decisionReason", equalTo("Plan not sold in this region"));

        as(Tokens.ops()).body("""
                {"decision": "REJECTED", "reason": "Changed our mind"}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, approved)
                .then().statusCode(409).body("detail", containsString("already APPROVED"));
        asPartner().get("/api/customers/{id}/deals/{dealId}", customerId, approved).then().body("status", equalTo("APPROVED"));
        submit(customerId, "ENTERPRISE"); // a decided deal is no longer open
    }

    @Test
    void shouldLeaveTheDecisionToOperations() {
        String customerId = Fixture.register(PARTNER, "Hooli", "gavin@hooli.example");
        String dealId = submit(customerId, "ENTERPRISE");
        asPartner().body("""
                {"decision": "APPROVED", "reason": "We like it"}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, dealId)
                .then().statusCode(403);
        as(Tokens.ops()).body("""
                {"decision": "MAYBE", "reason": ""}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, dealId)
                .then().statusCode(400).body("violations.field", equalTo(List.of("decision", "reason")));
        as(Tokens.ops()).body("""
                {"decision": "APPROVED", "reason": "ok"}""")
                .post("/api/customers/{id}/deals/{dealId}/approval", customerId, UUID.randomUUID())
                .then().statusCode(404);
        asPartner().get("/api/customers/{id}/deals/{dealId}", customerId, dealId).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void shouldAnswerAnotherPartnersCustomerAsUnknownEverywhere() {
        String customerId = Fixture.register(PARTNER, "Vandelay", "art@vandelay.example");
        String dealId = submit(customerId, "ENTERPRISE");
        RequestSpecification stranger = as(Tokens.partner(OTHER_PARTNER));

        stranger.body(deal("PROFESSIONAL")).post("/api/customers/{id}/deals", customerId)
                .then().statusCode(404).contentType("application/problem+json");
        as(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/deals", customerId).then().statusCode(404);
        as(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/deals/{dealId}", customerId, dealId).then().statusCode(404);
        as(Tokens.partner(OTHER_PARTNER)).get("/api/customers/{id}/deals", UUID.randomUUID()).then().statusCode(404);
        asPartner().get("/api/customers/{id}/deals", customerId).then().body("total", equalTo(1));
    }

    @Test
    void shouldRefuseACloseDateMoreThanTenYearsAheadNamingIt() {
        String customerId = Fixture.register(PARTNER, "Tyrell", "eldon@tyrell.example");
        String tenYears = LocalDate.now().plusYears(10).toString();
        // hundreds of millions of years away: Java reads it, PostgreSQL cannot store it (a 500 before)
        for (String date : List.of("+300000000-01-01", "+1000000000-12-31", LocalDate.now().plusYears(10).plusDays(1).toString())) {
            asPartner().body(deal("ENTERPRISE").replace(CLOSE_DATE, date)).post("/api/customers/{id}/deals", customerId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("expectedCloseDate"), "detail", not(containsString("Something went wrong")));
        }
        asPartner().body(deal("ENTERPRISE").replace(CLOSE_DATE, "+300000000-01-01")).post("/api/customers/{id}/deals", customerId)
                .then().body("violations.field", equalTo(List.of("expectedCloseDate")),
                        "detail", containsString("at most 10 years from today"));
        asPartner().get("/api/customers/{id}/deals", customerId).then().body("total", equalTo(0));
        asPartner().body(deal("ENTERPRISE").replace(CLOSE_DATE, tenYears)).post("/api/customers/{id}/deals", customerId)
                .then().statusCode(201).body("expectedCloseDate", equalTo(tenYears));
    }

    @Test
    void shouldNameEveryBadFieldAndStoreOrEmitNothing() {
        String customerId = Fixture.register(PARTNER, "Soylent", "sol@soylent.example");

        asPartner().body("""
                {"planCode": "enterprise plan", "agents": 0, "imCredits": -1,
                 "estimatedValue": {"amount": "-5", "currency": "XYZ"},
                 "expectedCloseDate": "%s", "notes": "%s"}""".formatted(LocalDate.now().minusDays(1), "n".repeat(2001)))
                .post("/api/customers/{id}/deals", customerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("agents", "estimatedValue.amount", "estimatedValue.currency",
                        "expectedCloseDate", "imCredits", "notes", "planCode")));
        asPartner().body("""
                {"planCode": "ENTERPRISE", "agents": 100001, "imCredits": 10,
                 "estimatedValue": {"amount": "10.00001", "currency": "USD"}, "expectedCloseDate": "%s"}""".formatted(LocalDate.now()))
                .post("/api/customers/{id}/deals", customerId)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("agents", "estimatedValue.amount", "expectedCloseDate")),
                        "detail", containsString("in the future"));
        asPartner().body("""
                {"planCode": "ENTERPRISE"}""")
                .post("/api/customers/{id}/deals", customerId)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("agents", "estimatedValue", "expectedCloseDate", "imCredits")));
        asPartner().body("""
                {"planCode": "ENTERPRISE", "agents": 5, "imCredits": 10,
                 "estimatedValue": {"amount": "lots", "currency": "USD"}, "expectedCloseDate": "%s"}""".formatted(CLOSE_DATE))
                .post("/api/customers/{id}/deals", customerId)
                .then().statusCode(400).body("detail", containsString("estimatedValue.amount"));
        asPartner().get("/api/customers/{id}/deals", customerId).then().body("total", equalTo(0));

        // the good deal after them is the marker: anything the bad ones emitted would precede its event
        String dealId = submit(customerId, "ENTERPRISE");
        List<JsonPath> events = dealsSubmitted(customerId, 1);
        assertEquals(List.of(dealId), events.stream().map(e -> e.getString("data.dealId")).toList());
    }
}
