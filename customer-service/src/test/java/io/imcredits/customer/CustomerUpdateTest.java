package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(TestKeys.class)
class CustomerUpdateTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();

    @BeforeEach
    void onboardPartners() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Fixture.onboard(PARTNER, "Acme Resellers");
        Fixture.onboard(OTHER_PARTNER, "Globex Partners");
    }

    private static RequestSpecification asPartner() {
        return given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON);
    }

    /** Zylker's details with another email and contact; version null leaves it out of the body. */
    private static String details(String email, Integer version) {
        return """
                {"companyName": "Zylker Corp", "contactName": "Raj Patel", "email": "%s", "phone": "+44 20 7946 0958",
                 "country": "GB", "deskOrgId": "zylker-desk"%s}""".formatted(email, version == null ? "" : ", \"version\": " + version);
    }

    /** Waits for the customer's CustomerUpdated events to reach the given version and returns them all. */
    private static List<JsonPath> updatesUpTo(String customerId, int version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Fixture.customerEvents(customerId, "CustomerUpdated").stream().anyMatch(e -> e.getInt("data.version") == version));
        return Fixture.customerEvents(customerId, "CustomerUpdated");
    }

    @Test
    void shouldUpdateWithIfMatchAndEmitWhatChangedOnce() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().get("/api/customers/{id}", id).then().statusCode(200).header("ETag", "\"0\"");

        asPartner().header("If-Match", "\"0\"").body(details("support@zylker.example", null))
                .put("/api/customers/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1), "email", equalTo("support@zylker.example"), "contactName", equalTo("Raj Patel"),
                        "deskOrgId", equalTo("zylker-desk"), "planCode", equalTo("STANDARD"), "payer", equalTo("PARTNER"));
        asPartner().get("/api/customers/{id}", id).then().body("email", equalTo("support@zylker.example"), "version", equalTo(1));

        List<JsonPath> updates = updatesUpTo(id, 1);
        assertEquals(1, updates.size(), "one CustomerUpdated per update");
        JsonPath event = updates.get(0);
        assertEquals(PARTNER.toString(), event.getString("partnerId"));
        assertEquals(id, event.getString("data.customerId"));
        assertEquals("Raj Patel", event.getString("data.contactName"));
        assertEquals("support@zylker.example", event.getString("data.email"));
        assertEquals("ann@zylker.example", event.getString("data.changes.email.from"));
        assertEquals("support@zylker.example", event.getString("data.changes.email.to"));
        assertEquals("Ann Lee", event.getString("data.changes.contactName.from"));
        assertEquals(List.of("contactName", "email", "deskOrgId"), List.copyOf(event.getMap("data.changes").keySet()),
                "only the fields that changed");
    }

    @Test
    void shouldRefuseAStaleVersionAndChangeNothing() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().body(details("first@zylker.example", 0)).put("/api/customers/{id}", id)
                .then().statusCode(200).body("version", equalTo(1));

        asPartner().body(details("stale@zylker.example", 0)).put("/api/customers/{id}", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("changed since you read it"));
        asPartner().get("/api/customers/{id}", id).then().body("email", equalTo("first@zylker.example"), "version", equalTo(1));

        // a later good update is the marker: had the stale one emitted anything, it would come before it
        asPartner().header("If-Match", "1").body(details("second@zylker.example", null)).put("/api/customers/{id}", id)
                .then().statusCode(200).body("version", equalTo(2));
        List<JsonPath> updates = updatesUpTo(id, 2);
        assertEquals(List.of(1, 2), updates.stream().map(e -> e.getInt("data.version")).toList());
        assertEquals(List.of("first@zylker.example", "second@zylker.example"),
                updates.stream().map(e -> e.getString("data.email")).toList());
    }

    @Test
    void shouldLetOnlyOneOfConcurrentUpdatesOfTheSameVersionWin() throws Exception {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        List<Integer> statuses = Concurrently.run(4, () -> asPartner().body(details(UUID.randomUUID() + "@zylker.example", 0))
                .put("/api/customers/{id}", id).statusCode());

        assertEquals(List.of(200, 409, 409, 409), statuses.stream().sorted().toList());
        asPartner().get("/api/customers/{id}", id).then().body("version", equalTo(1));
        assertEquals(List.of(1), updatesUpTo(id, 1).stream().map(e -> e.getInt("data.version")).toList());
    }

    @Test
    void shouldRequireTheVersionRead() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().body(details("new@zylker.example", null)).put("/api/customers/{id}", id)
                .then().statusCode(428).contentType("application/problem+json").body("detail", containsString("If-Match"));
        asPartner().header("If-Match", "yesterday").body(details("new@zylker.example", null)).put("/api/customers/{id}", id)
                .then().statusCode(400).body("detail", containsString("If-Match"));
        asPartner().get("/api/customers/{id}", id).then().body("email", equalTo("ann@zylker.example"), "version", equalTo(0));
    }

    @Test
    void shouldKeepTheVersionAndEmitNothingWhenNothingChanged() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().body(details("ann@zylker.example", 0)).put("/api/customers/{id}", id).then().statusCode(200);
        asPartner().body(details("ann@zylker.example", 1)).put("/api/customers/{id}", id)
                .then().statusCode(200).body("version", equalTo(1));
        asPartner().body(details("later@zylker.example", 1)).put("/api/customers/{id}", id)
                .then().statusCode(200).body("version", equalTo(2));
        assertEquals(List.of(1, 2), updatesUpTo(id, 2).stream().map(e -> e.getInt("data.version")).toList());
    }

    @Test
    void shouldAnswerAnotherPartnersCustomerAsUnknown() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        String foreign = given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).contentType(ContentType.JSON)
                .body(details("hijack@globex.example", 0)).put("/api/customers/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String unknown = given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).contentType(ContentType.JSON)
                .body(details("hijack@globex.example", 0)).put("/api/customers/{id}", UUID.randomUUID())
                .then().statusCode(404).extract().path("detail");
        assertEquals(foreign.replace(id, "?"), unknown.replaceAll("[0-9a-f-]{36}", "?"));
        asPartner().get("/api/customers/{id}", id).then().body("email", equalTo("ann@zylker.example"), "version", equalTo(0));
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).body(details("ops@x.example", 0))
                .put("/api/customers/{id}", id).then().statusCode(403);
    }

    /** The customer as GET answers it, to edit and send back. */
    private static ObjectNode read(String id) throws Exception {
        return (ObjectNode) BadBodies.JSON.readTree(asPartner().get("/api/customers/{id}", id).then().statusCode(200).extract().asString());
    }

    @Test
    void shouldAcceptTheBodyGetAnsweredWithItsDetailsEdited() throws Exception {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        ObjectNode customer = read(id);
        asPartner().body(customer.put("contactName", "Raj Patel").toString()).put("/api/customers/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"").body("contactName", equalTo("Raj Patel"), "version", equalTo(1));

        // the answer of an update is the same representation: edit it and send it again, version as If-Match
        ObjectNode answered = read(id);
        answered.remove("version");
        asPartner().header("If-Match", "\"1\"").body(answered.put("email", "raj@zylker.example").toString())
                .put("/api/customers/{id}", id)
                .then().statusCode(200).body("email", equalTo("raj@zylker.example"), "version", equalTo(2));
        // sent back unchanged: nothing changes, no event
        asPartner().body(read(id).toString()).put("/api/customers/{id}", id).then().statusCode(200).body("version", equalTo(2));
        assertEquals(List.of(1, 2), updatesUpTo(id, 2).stream().map(e -> e.getInt("data.version")).toList());
    }

    @Test
    void shouldRefuseEachChangedReadOnlyFieldNamingItAndChangeNothing() throws Exception {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        Map<String, Object> changed = Map.of("id", UUID.randomUUID().toString(), "partnerId", OTHER_PARTNER.toString(),
                "planCode", "ENTERPRISE", "agents", 500, "status", "CLOSED", "payer", "CUSTOMER",
                "createdAt", "2020-01-01T00:00:00Z", "updatedAt", "2099-01-01T00:00:00Z");
        // every field GET answers is either edited on update, the version, or one of those
        Set<String> fields = new HashSet<>();
        read(id).fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("companyName", "contactName", "email", "phone", "country", "deskOrgId", "version"));
        assertEquals(changed.keySet(), fields);

        for (Map.Entry<String, Object> field : changed.entrySet()) {
            ObjectNode customer = read(id).put("contactName", "Raj Patel");
            customer.set(field.getKey(), BadBodies.JSON.valueToTree(field.getValue()));
            asPartner().body(customer.toString()).put("/api/customers/{id}", id)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of(field.getKey())), "detail", containsString(field.getKey() + ": "));
        }
        ObjectNode twoAtOnce = read(id).put("status", "CLOSED").put("agents", 1);
        asPartner().body(twoAtOnce.toString()).put("/api/customers/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("agents", "status")),
                        "detail", containsString("license update"));
        asPartner().get("/api/customers/{id}", id).then()
                .body("contactName", equalTo("Ann Lee"), "version", equalTo(0), "status", equalTo("ACTIVE"), "agents", equalTo(5));

        // the good update after them is the marker: anything the refused ones emitted would precede its event
        asPartner().body(read(id).put("contactName", "Raj Patel").toString()).put("/api/customers/{id}", id).then().statusCode(200);
        assertEquals(List.of(1), updatesUpTo(id, 1).stream().map(e -> e.getInt("data.version")).toList());
    }

    @Test
    void shouldStillRefuseAFieldTheCustomerDoesNotHave() throws Exception {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().body(read(id).put("creditLimit", 1_000_000).toString()).put("/api/customers/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("creditLimit")), "detail", containsString("is not a field of this operation"));
        asPartner().get("/api/customers/{id}", id).then().body("version", equalTo(0));
    }

    @Test
    void shouldRefuseAStaleCopyAsStaleEvenThoughItsUpdatedAtDiffers() throws Exception {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        ObjectNode stale = read(id);
        asPartner().body(read(id).put("email", "first@zylker.example").toString()).put("/api/customers/{id}", id).then().statusCode(200);
        asPartner().body(stale.put("email", "stale@zylker.example").toString()).put("/api/customers/{id}", id)
                .then().statusCode(409).body("detail", containsString("changed since you read it"));
    }

    @Test
    void shouldNameEveryInvalidFieldAndChangeNothing() {
        String id = Fixture.register(PARTNER, "Zylker Corp", "ann@zylker.example");
        asPartner().body("""
                {"companyName": "", "contactName": "%s", "email": "not-an-email", "phone": "call me",
                 "country": "GBR", "deskOrgId": "%s", "version": -1}""".formatted("x".repeat(201), "d".repeat(101)))
                .put("/api/customers/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("companyName", "contactName", "country", "deskOrgId", "email",
                        "phone", "version")));
        asPartner().get("/api/customers/{id}", id).then().statusCode(200)
                .body("companyName", equalTo("Zylker Corp"), "version", equalTo(0), "deskOrgId", nullValue());
    }
}
