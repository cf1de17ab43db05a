package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Subscriptions that are paid for: each period charged once through the purchase saga, dunning when a card fails. */
@Order(5)
class RenewalTest {

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Renewing Partners " + UUID.randomUUID());
    }

    @Test
    void eachPeriodIsChargedOnceWithTheScheduledDowngradeApplied() {
        String customerId = portal.registerCustomer("Renewing Co");
        portal.putCard(customerId, Portal.CARD_OK);
        JsonPath upgrade = portal.quote(customerId, Map.of("planCode", "PROFESSIONAL", "agents", 10));
        assertEquals("COMPLETED", portal.awaitOrderSettled(portal.confirm(customerId, upgrade.getString("id"), key()), Portal.CATCH_UP)
                .getString("status"));
        portal.as(Portal.SUBSCRIPTIONS).body(Map.of("agents", 8))
                .post("/api/customers/{id}/subscription/scheduled-change", customerId).then().statusCode(201);
        JsonPath before = subscription(customerId);
        Instant periodEnd = Instant.parse(before.getString("currentPeriod.end"));
        BigDecimal renewalAmount = new BigDecimal(before.getString("nextRenewal.amount.amount"));
        int invoicesBefore = portal.invoices(customerId).getList("items").size();

        // Two operators (or two instances' schedulers) run the renewals due at the period's end at once.
        runRenewalsTogether(customerId, periodEnd, 2);

        await("renewed").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(300))
                .until(() -> periodEnd.equals(Instant.parse(subscription(customerId).getString("currentPeriod.start"))));
        JsonPath after = subscription(customerId);
        assertEquals(8, after.getInt("agents"), "the scheduled downgrade applies at renewal");
        assertEquals("PROFESSIONAL", after.getString("planCode"));
        assertEquals("ACTIVE", after.getString("standing"));
        await("the renewal's invoice").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(300))
                .until(() -> portal.invoices(customerId).getList("items").size() == invoicesBefore + 1);
        JsonPath renewal = portal.invoices(customerId).setRootPath("items.find { it.periodStart != null }");
        assertEquals(0, renewalAmount.compareTo(new BigDecimal(renewal.getString("total.amount"))), "charged what nextRenewal said");
        assertEquals(periodEnd, Instant.parse(renewal.getString("periodStart")));

        runRenewalsTogether(customerId, periodEnd, 1); // the same period again: nothing to do
        assertEquals(invoicesBefore + 1, portal.invoices(customerId).getList("items").size(), "one charge per period");
    }

    @Test
    void aDeclinedRenewalMakesTheCustomerPastDueUntilANewCardPaysIt() {
        String customerId = portal.registerCustomer("Dunning Co");
        portal.putCard(customerId, Portal.CARD_DECLINED);
        Instant periodEnd = Instant.parse(subscription(customerId).getString("currentPeriod.end"));

        runRenewalsTogether(customerId, periodEnd, 1);
        await("past due").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(300))
                .until(() -> "PAST_DUE".equals(subscription(customerId).getString("standing")));
        assertEquals(0, portal.invoices(customerId).getList("items").size(), "nothing was charged");

        portal.as(Portal.BILLING).body(Portal.card(Portal.CARD_OK)).put("/api/customers/{id}/card", customerId).then().statusCode(200);
        await("a new card pays the renewal at once").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(300))
                .until(() -> "ACTIVE".equals(subscription(customerId).getString("standing")));
        assertEquals(periodEnd, Instant.parse(subscription(customerId).getString("currentPeriod.start")));
        assertEquals(1, portal.invoices(customerId).getList("items").size(), "the renewal, charged once");
    }

    private static void runRenewalsTogether(String customerId, Instant until, int operators) {
        CyclicBarrier together = new CyclicBarrier(operators);
        List<CompletableFuture<Integer>> runs = IntStream.range(0, operators).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return given().baseUri(Portal.SUBSCRIPTIONS).auth().oauth2(Deploy.opsToken()).contentType("application/json")
                    .body(Map.of("until", until.toString(), "customerId", customerId)).post("/api/renewals/run").statusCode();
        })).toList();
        runs.forEach(run -> assertEquals(200, run.join()));
    }

    private static JsonPath subscription(String customerId) {
        return portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId).then().statusCode(200).extract().jsonPath();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
