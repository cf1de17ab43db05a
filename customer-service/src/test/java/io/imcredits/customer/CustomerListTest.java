package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(TestKeys.class)
class CustomerListTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID OTHER_PARTNER = UUID.randomUUID();
    /** The partner's customers in registration order; Initech is SUSPENDED. */
    static final List<String> REGISTERED = List.of("Zylker Corp", "Acme Widgets", "zeta systems", "Beta 50% Off", "Initech");
    static final List<String> BY_NAME = List.of("Acme Widgets", "Beta 50% Off", "Initech", "zeta systems", "Zylker Corp");
    static String otherPartnersZylker;
    static boolean seeded;

    @BeforeEach
    void seedOnce() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (seeded) return;
        Fixture.onboard(PARTNER, "Acme Resellers");
        Fixture.onboard(OTHER_PARTNER, "Globex Partners");
        Fixture.register(PARTNER, "Zylker Corp", "zoe@zylker.example");
        Fixture.register(PARTNER, "Acme Widgets", "bob@acme.example");
        Fixture.register(PARTNER, "zeta systems", "info@ZETA.example");
        Fixture.register(PARTNER, "Beta 50% Off", "sales@beta.example");
        String initech = Fixture.register(PARTNER, "Initech", "peter@initech.example");
        otherPartnersZylker = Fixture.register(OTHER_PARTNER, "Zylker Clone", "clone@zylker.example");
        // no endpoint changes a status yet: set one directly to see the filter work
        QuarkusTransaction.requiringNew().run(() -> Customer.update("status = ?1 where id = ?2", Customer.Status.SUSPENDED, UUID.fromString(initech)));
        seeded = true;
    }

    private static RequestSpecification asPartner() {
        return given().auth().oauth2(Tokens.partner(PARTNER));
    }

    @Test
    void shouldListOnlyTheCallersCustomers() {
        asPartner().get("/api/customers?size=50")
                .then().statusCode(200)
                .body("total", equalTo(5), "items.companyName", containsInAnyOrder(REGISTERED.toArray()),
                        "items.partnerId", not(hasItem(OTHER_PARTNER.toString())));
        given().auth().oauth2(Tokens.partner(OTHER_PARTNER)).get("/api/customers")
                .then().statusCode(200).body("total", equalTo(1), "items.companyName", equalTo(List.of("Zylker Clone")));
    }

    @Test
    void shouldSearchByPartOfTheNameOrEmailInAnyCase() {
        asPartner().get("/api/customers?q=ZYL").then().statusCode(200)
                .body("total", equalTo(1), "items.companyName", equalTo(List.of("Zylker Corp")));
        asPartner().get("/api/customers?q=zeta.Example").then().statusCode(200)
                .body("total", equalTo(1), "items.email", equalTo(List.of("info@ZETA.example")));
        asPartner().queryParam("q", "%").get("/api/customers").then().statusCode(200)
                .body("total", equalTo(1), "items.companyName", equalTo(List.of("Beta 50% Off")));
        asPartner().get("/api/customers?q=nobody-has-this").then().statusCode(200)
                .body("total", equalTo(0), "items", equalTo(List.of()));
    }

    @Test
    void shouldFilterByStatus() {
        asPartner().get("/api/customers?status=SUSPENDED").then().statusCode(200)
                .body("total", equalTo(1), "items.companyName", equalTo(List.of("Initech")), "items[0].status", equalTo("SUSPENDED"));
        asPartner().get("/api/customers?status=ACTIVE&q=i").then().statusCode(200)
                .body("items.companyName", containsInAnyOrder("Acme Widgets", "zeta systems"));
        asPartner().get("/api/customers?status=CLOSED").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldSortByNameIgnoringCaseOrByCreationTime() {
        assertEquals(BY_NAME, names("sort=name&size=50"));
        assertEquals(reversed(BY_NAME), names("sort=-name&size=50"));
        assertEquals(REGISTERED, names("sort=createdAt&size=50"));
        assertEquals(reversed(REGISTERED), names("sort=-createdAt&size=50"));
        assertEquals(reversed(REGISTERED), names("size=50"), "newest first unless asked otherwise");
    }

    @Test
    void shouldPageThroughEveryCustomerOnceWithTheTotal() {
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> names = asPartner().get("/api/customers?sort=name&size=2&page=" + page)
                    .then().statusCode(200).body("total", equalTo(5), "page", equalTo(page), "size", equalTo(2))
                    .extract().path("items.companyName");
            assertEquals(page < 2 ? 2 : 1, names.size());
            seen.addAll(names);
        }
        assertEquals(BY_NAME, seen);
        asPartner().get("/api/customers?sort=name&size=2&page=3").then().statusCode(200)
                .body("total", equalTo(5), "items", equalTo(List.of()));
    }

    @Test
    void shouldNameEachBadListParameter() {
        asPartner().get("/api/customers?size=0&page=-1&sort=email&status=OPEN&q=" + "x".repeat(101))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("page", "q", "size", "sort", "status"));
        asPartner().get("/api/customers?size=201").then().statusCode(400).body("violations.field", equalTo(List.of("size")));
    }

    @Test
    void shouldRefusePagesBeyondTheLargestOneNamingPage() {
        // page × size overflowed an int and answered 500
        asPartner().get("/api/customers?page=2147483647&size=500").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("page", "size")), "detail", containsString("page: must be less than or equal to 10000"));
        asPartner().get("/api/customers?page=10001&size=200").then().statusCode(400).body("violations.field", equalTo(List.of("page")));
        // not an int at all: a 400 naming the parameter, not a 404 for the whole address
        for (String query : List.of("page=9223372036854775807", "page=abc", "size=1.5")) {
            String param = query.substring(0, query.indexOf('='));
            asPartner().get("/api/customers?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of(param)), "detail", containsString(param + ": must be a whole number"));
        }
        given().auth().oauth2(Tokens.ops()).get("/api/customers?partnerId=not-a-uuid").then().statusCode(400)
                .body("violations.field", equalTo(List.of("partnerId")), "detail", containsString("partnerId: must be a UUID"));
        asPartner().get("/api/customers?page=10000&size=200").then().statusCode(200)
                .body("total", equalTo(5), "page", equalTo(10000), "items", equalTo(List.of()));
    }

    @Test
    void shouldLetOperationsListEveryPartnersCustomers() {
        given().auth().oauth2(Tokens.ops()).get("/api/customers?q=zylker&size=200")
                .then().statusCode(200).body("items.companyName", hasItems("Zylker Corp", "Zylker Clone"));
        given().auth().oauth2(Tokens.ops()).get("/api/customers?partnerId=" + OTHER_PARTNER)
                .then().statusCode(200).body("total", equalTo(1), "items[0].id", equalTo(otherPartnersZylker));
    }

    @Test
    void shouldIgnoreAnotherPartnersIdFromAPartner() {
        asPartner().get("/api/customers?partnerId=" + OTHER_PARTNER)
                .then().statusCode(200).body("total", equalTo(5), "items.partnerId", not(hasItem(OTHER_PARTNER.toString())));
    }

    @Test
    void shouldRefuseTheDeskApp() {
        given().auth().oauth2(Tokens.desk(UUID.randomUUID())).get("/api/customers").then().statusCode(403);
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static List<String> names(String query) {
        return asPartner().get("/api/customers?" + query).then().statusCode(200).extract().path("items.companyName");
    }
}
