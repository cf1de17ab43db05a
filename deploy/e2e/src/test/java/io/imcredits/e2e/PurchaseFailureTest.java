package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * What happens to a purchase when parts of the system fail. Each test asserts the guarantee a
 * partner relies on: one charge, one invoice and one grant per confirmed order, or none at all.
 */
@Order(2)
class PurchaseFailureTest {

    static final Map<String, Object> TEN_CREDITS = Map.of("imCredits", 10);
    static final BigDecimal TEN_CREDITS_BALANCE = new BigDecimal("20.00");

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Failure Partners " + UUID.randomUUID());
    }

    @AfterEach
    void everythingRunsAgain() {
        Deploy.startKafka();
        for (String service : List.of("billing-service", "credits-service")) Deploy.startService(service);
    }

    @Test
    void aDeclinedCardFailsTheOrderWithTheReasonAndChangesNothing() {
        String customerId = customerWithCard(Portal.CARD_DECLINED);
        JsonPath quote = portal.quote(customerId, Map.of("planCode", "PROFESSIONAL", "imCredits", 25));

        JsonPath order = portal.awaitOrderSettled(portal.confirm(customerId, quote.getString("id"), key()), Portal.CATCH_UP);

        assertEquals("FAILED", order.getString("status"));
        assertEquals("DECLINED", order.getString("failureReason"));
        portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId)
                .then().statusCode(200).body("planCode", equalTo("STANDARD"));
        assertEquals(0, portal.invoices(customerId).getList("items").size(), "no invoice");
        assertEquals(0, available(customerId).signum(), "no credits");
    }

    @Test
    void theSameConfirmSentTwiceAtOnceMakesOneOrderOneChargeOneGrant() throws Exception {
        String customerId = customerWithCard(Portal.CARD_OK);
        String quoteId = portal.quote(customerId, TEN_CREDITS).getString("id");
        String key = key();
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<String>> confirms = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    awaitBarrier(together);
                    return portal.confirm(customerId, quoteId, key);
                })).toList();
        String first = confirms.get(0).get(), second = confirms.get(1).get();

        assertEquals(first, second, "one key, one order");
        assertEquals("COMPLETED", portal.awaitOrderSettled(first, Portal.CATCH_UP).getString("status"));
        assertPaidOnce(customerId, TEN_CREDITS_BALANCE);
    }

    @Test
    void aRetryWithANewKeyAfterANetworkErrorDoesNotBuyTwice() {
        String customerId = customerWithCard(Portal.CARD_OK);
        String quoteId = portal.quote(customerId, TEN_CREDITS).getString("id");

        String orderId = portal.confirm(customerId, quoteId, key()); // the answer is lost on the way back
        portal.as(Portal.SUBSCRIPTIONS).header("Idempotency-Key", key()).body(Map.of("quoteId", quoteId))
                .post("/api/customers/{id}/license-updates", customerId)
                .then().statusCode(409).body("detail", containsString("already"));

        assertEquals("COMPLETED", portal.awaitOrderSettled(orderId, Portal.CATCH_UP).getString("status"));
        assertPaidOnce(customerId, TEN_CREDITS_BALANCE);
    }

    @Test
    void billingKilledWhileChargingStillChargesOnceAfterRestart() {
        String customerId = customerWithCard(Portal.CARD_FLAKY); // fails temporarily a few times: billing is mid-charge
        String orderId = portal.confirm(customerId, portal.quote(customerId, TEN_CREDITS).getString("id"), key());
        sleep(Duration.ofMillis(1500));

        Deploy.killService("billing-service");
        Deploy.startService("billing-service");

        assertEquals("COMPLETED", portal.awaitOrderSettled(orderId, Duration.ofSeconds(90)).getString("status"));
        assertPaidOnce(customerId, TEN_CREDITS_BALANCE);
    }

    @Test
    void aPurchaseCompletesOnceKafkaIsBackAfterTwentySeconds() {
        String customerId = customerWithCard(Portal.CARD_OK);
        String quoteId = portal.quote(customerId, TEN_CREDITS).getString("id");

        Deploy.stopKafka();
        String orderId = portal.confirm(customerId, quoteId, key()); // accepted into the outbox while the broker is down
        // for 20 s of outage every service stays ready (a load balancer keeps it), and the event is seen waiting
        long outageEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < outageEnds) {
            for (String service : List.of(Portal.CUSTOMERS, Portal.SUBSCRIPTIONS, Portal.CREDITS, Portal.BILLING)) {
                given().baseUri(service).get("/q/health/ready").then().statusCode(200);
            }
            sleep(Duration.ofSeconds(1));
        }
        assertTrue(outboxUnsent(Portal.SUBSCRIPTIONS) >= 1, "LicenseUpdateRequested waits in subscription-service's outbox");
        // what operations see meanwhile: the broker check of every service DOWN, in a group of its own
        for (String service : List.of(Portal.CUSTOMERS, Portal.SUBSCRIPTIONS, Portal.CREDITS, Portal.BILLING)) {
            given().baseUri(service).get("/q/health/group/broker").then().statusCode(503).body("checks.find { it.name == 'broker' }.status", equalTo("DOWN"));
        }
        Deploy.startKafka();
        for (String service : List.of(Portal.CUSTOMERS, Portal.SUBSCRIPTIONS, Portal.CREDITS, Portal.BILLING)) {
            await("the broker check of " + service + " UP again").atMost(Portal.CATCH_UP)
                    .until(() -> given().baseUri(service).get("/q/health/group/broker").statusCode() == 200);
        }

        assertEquals("COMPLETED", portal.awaitOrderSettled(orderId, Duration.ofSeconds(120)).getString("status"));
        assertPaidOnce(customerId, TEN_CREDITS_BALANCE);
        await("subscription-service's outbox drained").atMost(Portal.CATCH_UP).until(() -> outboxUnsent(Portal.SUBSCRIPTIONS) == 0);
    }

    /** What the service's wellness check (/q/health/well) says waits in its outbox. */
    private static int outboxUnsent(String service) {
        return given().baseUri(service).get("/q/health/well").then().extract().jsonPath()
                .getInt("checks.find { it.name == 'outbox' }.data.unsent");
    }

    @Test
    void creditsAppearOnceCreditsServiceIsBack() {
        String customerId = customerWithCard(Portal.CARD_OK);
        String quoteId = portal.quote(customerId, TEN_CREDITS).getString("id");

        Deploy.stopService("credits-service");
        String orderId = portal.confirm(customerId, quoteId, key());
        assertEquals("COMPLETED", portal.awaitOrderSettled(orderId, Portal.CATCH_UP).getString("status"));
        Deploy.startService("credits-service");

        assertPaidOnce(customerId, TEN_CREDITS_BALANCE);
    }

    /** One invoice for the purchase and exactly the bought balance granted, and it stays so. */
    private static void assertPaidOnce(String customerId, BigDecimal granted) {
        await("credits granted").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(250))
                .until(() -> available(customerId).compareTo(granted) == 0);
        sleep(Duration.ofSeconds(2)); // a duplicate would land in this time
        assertEquals(0, available(customerId).compareTo(granted), "granted exactly once");
        assertEquals(1, portal.invoices(customerId).getList("items").size(), "charged and invoiced exactly once");
    }

    private static BigDecimal available(String customerId) {
        return portal.credits(customerId).getObject("available.amount", BigDecimal.class);
    }

    private static String customerWithCard(String card) {
        String customerId = portal.registerCustomer("Failure Case " + UUID.randomUUID().toString().substring(0, 8));
        portal.putCard(customerId, card);
        return customerId;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
