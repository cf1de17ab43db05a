package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Auto-recharge end to end: Desk's debits take a customer below its threshold, credits-service says so once per
 * crossing, and subscription-service buys the credits through the same path as a manual purchase (quote, order,
 * charge, invoice, grant). Every customer starts with 25 credits bought by hand: 50.00 USD of balance.
 */
class AutoRechargeJourneyTest {

    static final Portal portal = new Portal("Auto Recharge");
    static final BigDecimal START = new BigDecimal("50.00");
    /** 10 credits buy 20.00 of balance (plus the 3% fee: 20.60 charged). */
    static final BigDecimal TEN_CREDITS = new BigDecimal("20.00");

    @Test
    void oneCrossingMakesOneOrderOneChargeOneInvoiceOneGrant() {
        String id = customerWithCredits(Portal.CARD_OK);
        setUp(id, "49.99", Map.of("monthlyMaxRecharges", 5)).then().statusCode(200).body("enabled", is(true));

        BigDecimal price = debit(id); // 50.00 − 0.022: below 49.99
        JsonPath recharge = awaitRecharge(id, "COMPLETED");
        assertEquals(10, recharge.getInt("credits"));
        assertEquals("20.60", recharge.getString("total.amount"), "the same fee as a manual purchase");
        await("the grant").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> available(id).compareTo(START.subtract(price).add(TEN_CREDITS)) == 0);

        JsonPath orders = portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/license-updates", id).then().statusCode(200).extract().jsonPath();
        assertEquals(2, orders.getInt("total"), "the manual purchase and one automatic order");
        assertEquals(List.of(true, false), orders.getList("items.automatic"), "newest first: the automatic one");
        assertEquals(2, portal.invoices(id).getInt("total"), "one invoice each");
        assertEquals(1, count(Topics.events("credits.events", id), "AutoRechargeTriggered"), "one crossing told once");
        assertEquals(1, count(Topics.events("subscription.events", id), "AutoRechargeCompleted"));
        JsonPath settings = settings(id);
        assertEquals(1, settings.getInt("rechargesThisMonth"));
        assertEquals("20.60", settings.getString("amountThisMonth.amount"));
    }

    @Test
    void concurrentDebitsAcrossTheThresholdMakeOneOrder() throws Exception {
        String id = customerWithCredits(Portal.CARD_OK);
        setUp(id, "49.50", Map.of("monthlyMaxRecharges", 5)).then().statusCode(200);

        ExecutorService desk = Executors.newFixedThreadPool(8);
        BigDecimal spent = BigDecimal.ZERO;
        try {
            List<Future<BigDecimal>> prices = new ArrayList<>();
            for (int i = 0; i < 50; i++) prices.add(desk.submit(() -> debit(id))); // 50 × 0.022 = 1.10: one crossing
            for (Future<BigDecimal> price : prices) spent = spent.add(price.get());
        } finally {
            desk.shutdownNow();
        }
        awaitRecharge(id, "COMPLETED");
        BigDecimal expected = START.subtract(spent).add(TEN_CREDITS);
        await("the grant").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> available(id).compareTo(expected) == 0);
        assertEquals(1, count(Topics.events("credits.events", id), "AutoRechargeTriggered"), "fifty debits, one crossing");
        assertEquals(1, settings(id).getList("recent").size(), "one automatic order");
        assertEquals(2, portal.invoices(id).getInt("total"));
    }

    @Test
    void aDeclinedCardFailsWithAnEventAndNothingIsChargedOrGranted() {
        String id = customerWithCredits(Portal.CARD_OK);
        portal.putCard(id, Portal.CARD_DECLINED);
        setUp(id, "49.99", Map.of("monthlyMaxRecharges", 5)).then().statusCode(200);

        BigDecimal price = debit(id);
        JsonPath recharge = awaitRecharge(id, "FAILED");
        assertEquals("DECLINED", recharge.getString("failureReason"));
        await("AutoRechargeFailed").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> Topics.events("subscription.events", id).stream()
                        .anyMatch(e -> e.contains("\"AutoRechargeFailed\"") && e.contains("\"DECLINED\"")));
        assertEquals(1, settings(id).getInt("failuresInARow"));
        assertEquals(0, available(id).compareTo(START.subtract(price)), "nothing granted");
        assertEquals(1, portal.invoices(id).getInt("total"), "nothing invoiced beyond the manual purchase");
    }

    @Test
    void theMonthlyCapReachedMakesNoOrder() {
        String id = customerWithCredits(Portal.CARD_OK);
        setUp(id, "49.99", Map.of("monthlyMaxRecharges", 1)).then().statusCode(200);
        debit(id);
        awaitRecharge(id, "COMPLETED");

        // raising the threshold above the balance is a crossing at once: the cap of one recharge a month says no
        setUp(id, "100.00", Map.of("monthlyMaxRecharges", 1)).then().statusCode(200);
        await("AutoRechargeSkipped").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> Topics.events("subscription.events", id).stream()
                        .anyMatch(e -> e.contains("\"AutoRechargeSkipped\"") && e.contains("MONTHLY_CAP_REACHED")));
        assertEquals(2, portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/license-updates", id).jsonPath().getInt("total"),
                "no order beyond the cap");
        assertEquals(1, settings(id).getList("recent").size());
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        String id = portal.registerCustomer("Auto Recharge Bad Input");
        JsonPath before = settings(id);
        setUp(id, "-1.00", Map.of("monthlyMaxRecharges", 5)).then().statusCode(400).body("violations.field", hasItem(
                containsString("threshold")));
        portal.as(Portal.SUBSCRIPTIONS).body(Map.of("enabled", true, "threshold", Map.of("amount", "10.00"), "credits", 5, "monthlyMaxRecharges", 5))
                .put("/api/customers/{id}/auto-recharge", id).then().statusCode(400)
                .body("violations.field", hasItem(containsString("credits")));
        setUp(id, "10.00", Map.of("monthlyMaxRecharges", 0)).then().statusCode(400)
                .body("violations.field", hasItem(containsString("monthlyMaxRecharges")));
        assertEquals(before.getMap("$"), settings(id).getMap("$"), "nothing changed");
        new Portal("Auto Recharge Other").as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/auto-recharge", id).then().statusCode(404);
    }

    /** A customer with a card and 25 credits bought by hand (50.00 USD), then the given card on file. */
    String customerWithCredits(String card) {
        String id = portal.registerCustomer("Auto Recharge " + UUID.randomUUID().toString().substring(0, 8));
        portal.putCard(id, Portal.CARD_OK);
        String quote = portal.quote(id, Map.of("imCredits", 25)).getString("id");
        assertEquals("COMPLETED", portal.awaitOrderSettled(portal.confirm(id, quote, UUID.randomUUID().toString()), Portal.CATCH_UP).getString("status"));
        await("50.00 granted to " + id).atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> available(id).compareTo(START) == 0);
        return id;
    }

    Response setUp(String id, String threshold, Map<String, Object> cap) {
        Map<String, Object> body = new HashMap<>(cap);
        body.putAll(Map.of("enabled", true, "threshold", Map.of("amount", threshold), "credits", 10));
        return portal.as(Portal.SUBSCRIPTIONS).body(body).put("/api/customers/{id}/auto-recharge", id);
    }

    JsonPath settings(String id) {
        return portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/auto-recharge", id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the newest automatic order has ended with the given status; returns it. */
    JsonPath awaitRecharge(String id, String status) {
        await("an automatic order " + status).atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(300))
                .until(() -> status.equals(settings(id).getString("recent[0].status")));
        return new JsonPath(settings(id).prettify()).setRootPath("recent[0]");
    }

    /** One WhatsApp utility message to the UK, sent by the customer's Desk; returns its price. */
    static BigDecimal debit(String id) {
        return new BigDecimal(given().baseUri(Portal.CREDITS).auth().oauth2(Deploy.deskToken(id)).contentType("application/json")
                .body(Map.of("messageId", "wamid." + UUID.randomUUID(), "channel", "WHATSAPP", "country", "GB", "category", "UTILITY", "window", "NONE"))
                .post("/api/customers/{id}/credits/debits", id).then().statusCode(201).extract().<String>path("price.amount"));
    }

    static BigDecimal available(String id) {
        return portal.credits(id).getObject("available.amount", BigDecimal.class);
    }

    static long count(List<String> events, String type) {
        return events.stream().filter(e -> e.contains("\"type\":\"" + type + "\"")).count();
    }
}
