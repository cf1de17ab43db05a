package io.imcredits.subscription;

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
    static String partnerToken;
    static String opsToken;

    @Inject
    DataSource db;

    @BeforeEach
    void makeCustomer() {
        if (customerId != null) return;
        customerId = Saga.customerWithCard(PARTNER, "STANDARD", 5, "USD");
        partnerToken = Tokens.partner(PARTNER);
        opsToken = Tokens.ops();
    }

    private static Map<String, String> ids() {
        return Map.of("id", customerId.toString());
    }

    private static String tokenFor(ApiDoc.Operation operation) {
        return operation.allows(Caller.PARTNER) ? partnerToken : opsToken;
    }

    /** A valid body; a confirmation needs a fresh quote each time. */
    private static String validBody(ApiDoc.Operation operation) {
        if (operation.key().equals("POST /api/customers/{id}/license-updates")) {
            return "{\"quoteId\": \"%s\"}".formatted(Saga.quote(PARTNER, customerId, "{\"imCredits\": 25}"));
        }
        if (operation.key().equals("POST /api/renewals/run")) {
            return "{\"until\": \"%s\", \"customerId\": \"%s\"}".formatted(java.time.Instant.now(), customerId);
        }
        return BadBodies.validBody(operation.key(), customerId, null);
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
                Response response = operation.call(tokenFor(operation), operation.address(ids()), bad.body(valid));
                sent++;
                String problem = Sweep.check(response, bad.mustRefuse(), bad.field());
                String after = footprint();
                if (problem == null && response.statusCode() >= 400 && !before.equals(after)) problem = "refused, yet something was written";
                before = after;
                if (problem != null) failures.add(operation + " with " + bad + ": " + problem);
                if (response.statusCode() < 300 && operation.key().endsWith("license-updates")) {
                    valid = validBody(operation); // the quote is used up: take a fresh one
                    before = footprint();
                }
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

    /** The batch listing: each parameter out of its range or type is a 400 naming it, and nothing changes. */
    @Test
    void shouldRefuseListingParametersNamingThem() throws Exception {
        String before = footprint();
        String tooMany = java.util.stream.Stream.generate(UUID::randomUUID).limit(201).map(id -> "customerId=" + id)
                .collect(java.util.stream.Collectors.joining("&"));
        for (String query : List.of("customerId=not-a-uuid", "customerId=" + customerId + "&customerId=1", tooMany, "partnerId=x", "size=0",
                "size=201", "page=-1", "page=10001", "page=2147483648")) {
            String param = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
            for (String token : List.of(partnerToken, opsToken)) {
                given().auth().oauth2(token).get("/api/subscriptions?" + query).then().statusCode(400)
                        .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo(param),
                                "detail", org.hamcrest.Matchers.startsWith(param + ": "));
            }
        }
        assertEquals(before, footprint(), "a refused read wrote something");
    }

    @Test
    void shouldAnswerBodiesOverOneMegabyteWithProblemDetails() throws Exception {
        String huge = "{\"planCode\": \"" + "x".repeat(1_100_000) + "\"}";
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
    void shouldRefuseQuantitiesThatAreNotQuantities() throws Exception {
        String before = footprint();
        for (String quote : List.of("{\"imCredits\": -25}", "{\"imCredits\": 1e30}", "{\"imCredits\": 25.5}", "{\"imCredits\": \"25x\"}",
                "{\"agents\": 0}", "{\"agents\": -3}", "{\"agents\": 99999999999}",
                "{\"addOns\": [{\"code\": \"WHATSAPP_NUMBER\", \"quantity\": -1}]}", "{\"addOns\": [{\"code\": \"WHATSAPP_NUMBER\", \"quantity\": 1.5}]}")) {
            Response response = operation("POST /api/customers/{id}/quotes").call(partnerToken, "/api/customers/" + customerId + "/quotes", quote);
            String field = quote.contains("quantity") ? "quantity" : quote.contains("agents") ? "agents" : "imCredits";
            assertEquals(null, Sweep.check(response, true, field), quote);
            assertEquals(400, response.statusCode(), quote);
        }
        assertEquals(before, footprint(), "refused quotes wrote something");
    }

    private static ApiDoc.Operation operation(String key) {
        return ApiDoc.operations().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }

    private String footprint() throws Exception {
        return Sweep.footprint(db, Map.of("subscription.customer_id", customerId, "subscription_add_on.customer_id", customerId,
                "quote.customer_id", customerId, "license_order.customer_id", customerId, "outbox.customer_id", customerId,
                "idempotency_key.partner_id", PARTNER, "auto_recharge_settings.customer_id", customerId));
    }

    /** What reached the topic is exactly what the outbox committed: a refused request emitted nothing. */
    private void assertEveryEmittedEventWasCommitted() throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> outbox("sent_at is null") == 0);
        assertEquals(outbox("true"), Saga.SUBSCRIPTION_EVENTS.recordsWithKey(customerId.toString()).size());
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
