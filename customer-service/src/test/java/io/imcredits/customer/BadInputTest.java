package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Every operation of the OpenAPI document that takes a body or parameters, fed what an attacker or a
 * clumsy client sends. Each answer is a 4xx problem naming the problem (or, for text that is merely odd,
 * a success), never a 500; a refused request writes nothing and emits nothing.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class BadInputTest {

    static final UUID PARTNER = UUID.randomUUID();
    static String customerId;
    static String dealId;
    static String partnerToken;
    static String opsToken;

    @Inject
    DataSource db;

    @BeforeEach
    void makeCustomer() {
        if (customerId != null) return;
        Fixture.onboard(PARTNER, "Sweep Partner");
        customerId = Fixture.register(PARTNER, "Sweep Corp", "sweep@sweep.example");
        dealId = given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json")
                .body(Fixture.validBody("POST /api/customers/{customerId}/deals"))
                .post("/api/customers/{id}/deals", customerId).then().statusCode(201).extract().path("id");
    }

    private static Map<String, String> ids(ApiDoc.Operation operation) {
        String id = operation.path().startsWith("/api/partners/") ? PARTNER.toString() : customerId;
        return Map.of("id", id, "customerId", customerId, "dealId", dealId);
    }

    private static String tokenFor(ApiDoc.Operation operation) {
        if (partnerToken == null) {
            partnerToken = Tokens.partner(PARTNER);
            opsToken = Tokens.ops();
        }
        return operation.allows(Caller.PARTNER) ? partnerToken : opsToken;
    }

    @Test
    void shouldRefuseHostileBodiesWithoutWritingOrEmitting() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        String before = footprint();
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            if (!operation.hasBody()) continue;
            // PUT takes the customer as GET answers it, so every case reaches the checks it aims at.
            for (BadBodies.Case bad : BadBodies.of(currentBody(operation))) {
                String body = bad.body(currentBody(operation));
                Response response = operation.call(tokenFor(operation), operation.address(ids(operation)), body);
                sent++;
                String problem = Sweep.check(response, bad.mustRefuse(), bad.field());
                String after = footprint();
                if (problem == null && response.statusCode() >= 400 && !before.equals(after)) problem = "refused, yet something was written";
                before = after;
                if (problem != null) failures.add(operation + " with " + bad + ": " + problem);
            }
        }
        assertTrue(sent > 200, "the sweep sent " + sent + " requests");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEveryEmittedEventWasCommitted();
    }

    @Test
    void shouldRefuseHostileParametersAndAddresses() {
        List<String> failures = new ArrayList<>();
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            String body = operation.hasBody() ? currentBody(operation) : null;
            for (ApiDoc.Param param : operation.queryParams()) {
                List<Sweep.Extreme> values = new ArrayList<>(Sweep.extremes(param));
                Sweep.HOSTILE_PARAMETERS.forEach(value -> values.add(new Sweep.Extreme(value, false)));
                for (Sweep.Extreme value : values) {
                    Response response = operation.call(tokenFor(operation),
                            operation.address(ids(operation)) + "?" + param.name() + "=" + value.value(), body);
                    String problem = Sweep.check(response, value.mustRefuse(), param.name());
                    // an extreme is the client's mistake: a 400 naming the parameter, not a 404 "nothing here"
                    if (problem == null && value.mustRefuse() && response.statusCode() != 400)
                        problem = "answered " + response.statusCode() + " instead of 400";
                    if (problem != null) failures.add(operation + " with " + param.name() + "=" + Sweep.shorten(value.value()) + ": " + problem);
                }
            }
            if (!operation.namesResource()) continue;
            for (String id : Sweep.HOSTILE_IDS) {
                Response response = operation.call(tokenFor(operation), operation.addressWith(id), body);
                String problem = Sweep.check(response, true, null);
                if (problem != null) failures.add(operation + " at id " + Sweep.shorten(id) + ": " + problem);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * page × size is an offset: every paged list declares the largest page and size it serves, refuses the
     * page past it naming page (page=2147483647 overflowed to a 500), and serves the largest page of the
     * largest size.
     */
    @Test
    void shouldBoundThePagesOfEveryList() {
        List<String> failures = new ArrayList<>();
        int lists = 0;
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            Map<String, ApiDoc.Param> params = new HashMap<>();
            operation.queryParams().forEach(param -> params.put(param.name(), param));
            ApiDoc.Param page = params.get("page");
            ApiDoc.Param size = params.get("size");
            if (page == null && size == null) continue;
            lists++;
            if (page == null || size == null || page.maximum() == null || size.maximum() == null) {
                failures.add(operation + " pages without declaring a maximum page and size: " + params.values());
                continue;
            }
            String address = operation.address(ids(operation)) + "?size=" + size.maximum() + "&page=";
            Response beyond = operation.call(tokenFor(operation), address + Integer.MAX_VALUE, null);
            String problem = Sweep.check(beyond, true, "page");
            if (problem == null && beyond.statusCode() != 400) problem = "answered " + beyond.statusCode() + " instead of 400";
            if (problem != null) failures.add(operation + " at page " + Integer.MAX_VALUE + ": " + problem);
            Response last = operation.call(tokenFor(operation), address + page.maximum(), null);
            if (last.statusCode() != 200) failures.add(operation + " at its largest page answered " + last.statusCode() + ": " + last.asString());
        }
        assertTrue(lists >= 2, "the sweep found " + lists + " paged lists");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void shouldAnswerBodiesOverOneMegabyteWithProblemDetails() throws Exception {
        String huge = "{\"companyName\": \"" + "x".repeat(1_100_000) + "\"}";
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            if (!operation.hasBody()) continue;
            String before = footprint();
            Response response = operation.call(tokenFor(operation), operation.address(ids(operation)), huge);
            assertEquals(413, response.statusCode(), operation + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), operation + " answers " + response.contentType());
            assertTrue(response.jsonPath().getString("detail").contains("larger than"));
            assertEquals(before, footprint(), operation + " wrote something");
        }
    }

    @Test
    void shouldRefuseMoneyThatIsNotMoney() throws Exception {
        String before = footprint();
        for (String amount : List.of("\"-1.00\"", "\"0\"", "\"1e30\"", "\"1.123456\"", "\"NaN\"", "100.12345")) {
            assertRefused(dealWith(amount, "\"USD\""), "amount");
        }
        assertRefused(dealWith("\"100.00\"", "\"XYZ\""), "currency");
        assertRefused(dealWith("\"100.00\"", "\"usd\""), "currency");
        assertEquals(before, footprint(), "refused deals wrote something");
    }

    private void assertRefused(String deal, String field) {
        Response response = given().auth().oauth2(Tokens.partner(PARTNER)).contentType("application/json").body(deal)
                .post("/api/customers/{id}/deals", customerId);
        String problem = Sweep.check(response, true, field);
        assertEquals(null, problem, deal);
    }

    private static String dealWith(String amount, String currency) {
        return Fixture.validBody("POST /api/customers/{customerId}/deals")
                .replace("\"250000.50\"", amount).replace("\"USD\"", currency);
    }

    /** The valid body; for a customer's update, the customer as GET answers it now (read-only fields included). */
    private String currentBody(ApiDoc.Operation operation) {
        if (!operation.key().equals("PUT /api/customers/{id}")) return Fixture.validBody(operation.key());
        return given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}", customerId).then().statusCode(200).extract().asString();
    }

    /** Everything the sweep could change: the partner's customers, the customer's deals and events, the partner. */
    private String footprint() throws Exception {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select md5(coalesce((select string_agg(c::text, '|' order by c.id) from customer c where c.partner_id = ?), '')
                            || coalesce((select string_agg(d::text, '|' order by d.id) from deal d where d.customer_id = ?), '')
                            || (select count(*) from outbox o where o.customer_id = ?)
                            || coalesce((select p::text from partner p where p.id = ?), ''))""")) {
            query.setObject(1, PARTNER);
            query.setObject(2, UUID.fromString(customerId));
            query.setObject(3, UUID.fromString(customerId));
            query.setObject(4, PARTNER);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** What reached the topic is exactly what the outbox committed: a refused request emitted nothing. */
    private void assertEveryEmittedEventWasCommitted() throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> count("sent_at is null") == 0);
        assertEquals(count("true"), Fixture.CUSTOMER_EVENTS.recordsWithKey(customerId).size());
    }

    private long count(String condition) throws Exception {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from outbox where customer_id = ? and " + condition)) {
            query.setObject(1, UUID.fromString(customerId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
