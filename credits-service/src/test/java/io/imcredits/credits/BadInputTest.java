package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    static UUID customerId;
    static String holdId;
    static String partnerToken;
    static String opsToken;
    static String deskToken;

    @Inject
    DataSource db;

    @BeforeEach
    void makeCustomer() {
        if (customerId != null) return;
        customerId = Fixture.customer(PARTNER);
        Fixture.grant(customerId, PARTNER, "1000.00");
        holdId = hold();
        partnerToken = Tokens.partner(PARTNER);
        opsToken = Tokens.ops();
        deskToken = Tokens.desk(customerId);
    }

    private static Map<String, String> ids() {
        return Map.of("id", customerId.toString(), "holdId", holdId);
    }

    private static String tokenFor(ApiDoc.Operation operation) {
        if (operation.allows(Caller.DESK)) return deskToken;
        return operation.allows(Caller.PARTNER) ? partnerToken : opsToken;
    }

    private static String validBody(ApiDoc.Operation operation) {
        return BadBodies.validBody(operation.key());
    }

    private static String hold() {
        return given().auth().oauth2(Tokens.desk(customerId)).contentType("application/json")
                .body(Fixture.message("wamid." + UUID.randomUUID(), "US", "MARKETING"))
                .post("/api/customers/{id}/credits/holds", customerId).then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldRefuseHostileBodiesWithoutWritingOrEmitting() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            if (!operation.hasBody()) continue;
            String valid = validBody(operation);
            String before = footprint();
            for (BadBodies.Case bad : BadBodies.of(valid)) {
                // Settling takes an optional body: no body settles at the regular price, as documented.
                if (operation.key().endsWith("/settle") && bad.what().equals("an empty body")) continue;
                Response response = operation.call(tokenFor(operation), operation.address(ids()), bad.body(valid));
                sent++;
                String problem = Sweep.check(response, bad.mustRefuse(), bad.field());
                String after = footprint();
                if (problem == null && response.statusCode() >= 400 && !before.equals(after)) problem = "refused, yet something was written";
                before = after;
                if (problem != null) failures.add(operation + " with " + bad + ": " + problem);
            }
        }
        assertTrue(sent > 60, "the sweep sent " + sent + " requests");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEveryEmittedEventWasCommitted();
    }

    @Test
    void shouldRefuseHostileParametersAndAddresses() {
        List<String> failures = new ArrayList<>();
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            String body = operation.hasBody() ? "{}" : null;
            for (ApiDoc.Param param : operation.queryParams()) {
                List<Sweep.Extreme> values = new ArrayList<>(Sweep.extremes(param));
                Sweep.HOSTILE_PARAMETERS.forEach(value -> values.add(new Sweep.Extreme(value, false)));
                for (Sweep.Extreme value : values) {
                    Response response = operation.call(tokenFor(operation),
                            operation.address(ids()) + "?" + param.name() + "=" + value.value(), body);
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
            String address = operation.address(ids()) + "?size=" + size.maximum() + "&page=";
            Response beyond = operation.call(tokenFor(operation), address + Integer.MAX_VALUE, null);
            String problem = Sweep.check(beyond, true, "page");
            if (problem == null && beyond.statusCode() != 400) problem = "answered " + beyond.statusCode() + " instead of 400";
            if (problem != null) failures.add(operation + " at page " + Integer.MAX_VALUE + ": " + problem);
            Response last = operation.call(tokenFor(operation), address + page.maximum(), null);
            if (last.statusCode() != 200) failures.add(operation + " at its largest page answered " + last.statusCode() + ": " + last.asString());
        }
        assertTrue(lists >= 1, "the sweep found " + lists + " paged lists");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The cases: a timestamp out of range and a page whose offset overflows are 400s naming the parameter. */
    @Test
    void shouldRefuseLedgerTimestampsAndPagesOutOfRangeNamingThem() {
        String ledger = "/api/customers/" + customerId + "/credits/ledger";
        for (String query : List.of("from=%2B1000000000-12-31T23:59:59Z", "to=%2B1000000000-12-31T23:59:59Z", "from=yesterday",
                "page=2147483647", "page=abc", "type=FOO")) {
            String param = query.substring(0, query.indexOf('='));
            given().auth().oauth2(partnerToken).get(ledger + "?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo(param), "detail", org.hamcrest.Matchers.startsWith(param + ": "));
        }
        given().auth().oauth2(partnerToken).get(ledger + "?page=2147483647&size=500").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.equalTo(List.of("page", "size")));
        given().auth().oauth2(partnerToken).get(ledger + "?page=10000&size=200&from=2020-01-01T00:00:00Z").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0), "page", org.hamcrest.Matchers.equalTo(10000));
    }

    /** The portal's two reads: each parameter out of its range or type is a 400 naming it, and nothing changes. */
    @Test
    void shouldRefuseListingAndSpendParametersNamingThem() throws Exception {
        String before = footprint();
        String spend = "/api/customers/" + customerId + "/credits/spend?";
        for (String query : List.of("days=0", "days=367", "days=-1", "days=abc")) {
            given().auth().oauth2(partnerToken).get(spend + query).then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo("days"), "detail", org.hamcrest.Matchers.startsWith("days: "));
        }
        for (String query : List.of("customerId=not-a-uuid", "customerId=" + customerId + "&customerId=1", "status=FOO",
                "partnerId=x", "size=0", "size=201", "page=-1", "page=10001", "page=2147483648")) {
            String param = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
            for (String token : List.of(partnerToken, opsToken)) {
                given().auth().oauth2(token).get("/api/credit-accounts?" + query).then().statusCode(400)
                        .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo(param),
                                "detail", org.hamcrest.Matchers.startsWith(param + ": "));
            }
        }
        assertEquals(before, footprint(), "a refused read wrote something");
    }

    @Test
    void shouldAnswerBodiesOverOneMegabyteWithProblemDetails() throws Exception {
        String huge = "{\"messageId\": \"" + "x".repeat(1_100_000) + "\"}";
        for (ApiDoc.Operation operation : ApiDoc.operations()) {
            if (!operation.hasBody()) continue;
            String before = footprint();
            Response response = operation.call(tokenFor(operation), operation.address(ids()), huge);
            assertEquals(413, response.statusCode(), operation + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), operation + " answers " + response.contentType());
            assertTrue(response.asString().contains("larger than"), response.asString());
            assertEquals(before, footprint(), operation + " wrote something");
        }
    }

    @Test
    void shouldRefuseMoneyThatIsNotMoney() throws Exception {
        String before = footprint();
        for (String amount : List.of("\"-5.00\"", "\"1e30\"", "\"1.123456\"", "\"NaN\"", "\"five\"", "5.123456")) {
            String threshold = "{\"lowBalanceThreshold\": {\"amount\": %s, \"currency\": \"USD\"}}".formatted(amount);
            Response response =
                    operation("PUT /api/customers/{id}/credits/alerts").call(partnerToken, "/api/customers/" + customerId + "/credits/alerts", threshold);
            assertEquals(null, Sweep.check(response, true, response.statusCode() == 400 ? "amount" : null), threshold);
        }
        for (String currency : List.of("\"XYZ\"", "\"EUR\"", "\"usd\"", "\"US\"")) {
            String threshold = "{\"lowBalanceThreshold\": {\"amount\": \"5.00\", \"currency\": %s}}".formatted(currency);
            Response response =
                    operation("PUT /api/customers/{id}/credits/alerts").call(partnerToken, "/api/customers/" + customerId + "/credits/alerts", threshold);
            assertEquals(null, Sweep.check(response, true, response.statusCode() == 400 ? "currency" : null), threshold);
        }
        for (String amount : List.of("\"1e30\"", "\"0.00001\"", "\"NaN\"")) {
            String adjustment = "{\"amount\": {\"amount\": %s, \"currency\": \"USD\"}, \"reason\": \"x\"}".formatted(amount);
            Response response = operation("POST /api/customers/{id}/credits/adjustments").call(opsToken,
                    "/api/customers/" + customerId + "/credits/adjustments", adjustment);
            assertEquals(null, Sweep.check(response, true, "amount"), adjustment);
        }
        assertEquals(before, footprint(), "refused money wrote something");
    }

    private static ApiDoc.Operation operation(String key) {
        return ApiDoc.operations().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }

    private String footprint() throws Exception {
        return Sweep.footprint(db, Map.of("credit_account.customer_id", customerId, "ledger_entry.customer_id", customerId,
                "credit_hold.customer_id", customerId, "outbox.customer_id", customerId, "rate.country", "ZW"));
    }

    /** What reached the topic is exactly what the outbox committed: a refused request emitted nothing. */
    private void assertEveryEmittedEventWasCommitted() throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> outbox("sent_at is null") == 0);
        assertEquals(outbox("true"), Fixture.CREDITS_EVENTS.recordsWithKey(customerId.toString()).size());
    }

    private long outbox(String condition) throws Exception {
        try (var connection = db.getConnection();
                var query = connection.prepareStatement("select count(*) from outbox where customer_id = ? and " + condition)) {
            query.setObject(1, customerId);
            try (var row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
