package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** GET /api/customers/{id}/credits/spend: the spend per UTC day the portal's Credits page draws. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class SpendTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final String IN_MARKETING = "0.0107"; // the seeded rate card's price of a marketing template to India
    static final String US_MARKETING = "0.025";

    /** Drives the day a debit falls on. */
    @Inject
    TestClock clock;

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse spend(String token, UUID customerId, String query) {
        return given().auth().oauth2(token).get("/api/customers/{id}/credits/spend" + query, customerId).then();
    }

    @Test
    void shouldSumEachDaysDebitsLessRefundsWithZeroDays() {
        UUID customerId = Fixture.customer(PARTNER);
        Fixture.grant(customerId, PARTNER, "10.00");
        String desk = Tokens.desk(customerId);

        // the first day: two messages, one of them refunded two days later
        Fixture.debit(desk, customerId, Fixture.message("wamid.s1", "IN", "MARKETING")).statusCode(201);
        Fixture.debit(desk, customerId, Fixture.message("wamid.s2", "US", "MARKETING")).statusCode(201);
        // two days later (within the refund window): one debit and one hold settled at its price; a released hold is no spend
        clock.advance(Duration.ofDays(2));
        Fixture.debit(desk, customerId, Fixture.message("wamid.s3", "IN", "MARKETING")).statusCode(201);
        given().auth().oauth2(desk).post("/api/customers/{id}/credits/debits/{messageId}/refund", customerId, "wamid.s2").then()
                .statusCode(201).body("amount.amount", equalTo(US_MARKETING));
        String settled = Fixture.hold(desk, customerId, "wamid.s4", "IN", "MARKETING").statusCode(201).extract().path("id");
        Fixture.close(desk, customerId, settled, "settle", "{}").statusCode(200);
        String released = Fixture.hold(desk, customerId, "wamid.s5", "IN", "MARKETING").statusCode(201).extract().path("id");
        Fixture.close(desk, customerId, released, "release", "").statusCode(200);

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        spend(desk, customerId, "?days=3").statusCode(200)
                .body("days.date", contains(today.minusDays(2).toString(), today.minusDays(1).toString(), today.toString()),
                        "days.spent.amount", contains(IN_MARKETING, "0.00", "0.0214"),
                        "days.spent.currency", everyItem(equalTo("USD")),
                        "days.messages", contains(1, 0, 2),
                        "total", equalTo(java.util.Map.of("amount", "0.0321", "currency", "USD")));
        // 30 days by default, oldest first and today the last; the days before the first debit are zero
        spend(Tokens.partner(PARTNER), customerId, "").statusCode(200)
                .body("days", hasSize(30), "days[0].date", equalTo(today.minusDays(29).toString()), "days[29].date", equalTo(today.toString()),
                        "days[0].spent.amount", equalTo("0.00"), "days[27].spent.amount", equalTo(IN_MARKETING), "total.amount", equalTo("0.0321"));
        // one day: today only
        spend(Tokens.ops(), customerId, "?days=1").statusCode(200).body("days.date", contains(today.toString()), "total.amount", equalTo("0.0214"));
    }

    @Test
    void shouldCountPostpaidUsageAsSpend() {
        UUID customerId = Fixture.customer(PARTNER);
        Fixture.SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "POSTPAID"));
        org.awaitility.Awaitility.await().atMost(Fixture.PATIENCE)
                .until(() -> Fixture.account(customerId).overageLimit.signum() > 0);
        Fixture.debit(Tokens.desk(customerId), customerId, Fixture.message("wamid.p1", "IN", "MARKETING")).statusCode(201)
                .body("overage.amount", equalTo(IN_MARKETING));
        spend(Tokens.desk(customerId), customerId, "?days=1").statusCode(200)
                .body("days.spent.amount", contains(IN_MARKETING), "days.messages", contains(1));
    }

    @Test
    void shouldRefuseDaysOutOfRangeNamingThem() {
        UUID customerId = Fixture.customer(PARTNER);
        for (String days : new String[]{"0", "367", "-1", "abc", "2147483648"}) {
            spend(Tokens.partner(PARTNER), customerId, "?days=" + days).statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("days"), "detail", startsWith("days: "));
        }
        spend(Tokens.partner(PARTNER), customerId, "?days=366").statusCode(200).body("days", hasSize(366));
        spend(Tokens.partner(UUID.randomUUID()), customerId, "").statusCode(404);
        spend(Tokens.desk(UUID.randomUUID()), customerId, "").statusCode(404);
    }
}
