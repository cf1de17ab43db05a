package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of subscription-, credits- and billing-service side by side (deploy/service.sh start NAME 2), the
 * clients alternating between them: purchases complete once each, and a debit sent to both at once is applied once.
 * The reconciliation (last class of the suite) then checks every order, charge, invoice and ledger.
 */
class TwoInstancesTest {

    static final List<String> SCALED = List.of("subscription-service", "credits-service", "billing-service");
    static final String[] SUBSCRIPTIONS = {Portal.SUBSCRIPTIONS, "http://127.0.0.1:8092"};
    static final String[] CREDITS = {Portal.CREDITS, "http://127.0.0.1:8093"};
    static final String[] BILLING = {Portal.BILLING, "http://127.0.0.1:8094"};

    static final Portal portal = new Portal("Two Instances");

    @BeforeAll
    static void startSecondInstances() {
        SCALED.forEach(Deploy::startSecondInstance);
    }

    @AfterAll
    static void stopSecondInstances() {
        SCALED.forEach(Deploy::stopSecondInstance);
    }

    @Test
    void purchasesAlternatingBetweenInstancesCompleteOnceEach() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) customers.add(portal.registerCustomer("Two Instances " + i));
        for (int i = 0; i < customers.size(); i++) {
            String id = customers.get(i);
            portal.as(BILLING[i % 2]).body(Portal.card(Portal.CARD_OK)).put("/api/customers/{id}/card", id).then().statusCode(200);
        }
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            String id = customers.get(i);
            String subscriptions = SUBSCRIPTIONS[i % 2];
            await("card known to " + id).atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                    .until(() -> portal.as(subscriptions).get("/api/customers/{id}/subscription", id).jsonPath().getBoolean("cardOnFile"));
            String quote = portal.as(subscriptions).body(Map.of("imCredits", 25)).post("/api/customers/{id}/quotes", id)
                    .then().statusCode(201).extract().path("id");
            // the confirm's retry goes to the other instance with the same key: one order
            String key = UUID.randomUUID().toString();
            String order = portal.as(subscriptions).header("Idempotency-Key", key).body(Map.of("quoteId", quote))
                    .post("/api/customers/{id}/license-updates", id).then().statusCode(202).extract().path("id");
            String again = portal.as(SUBSCRIPTIONS[(i + 1) % 2]).header("Idempotency-Key", key).body(Map.of("quoteId", quote))
                    .post("/api/customers/{id}/license-updates", id).then().extract().path("id");
            assertEquals(order, again, "the same key on the other instance answers the same order");
            orders.add(order);
        }
        for (int i = 0; i < customers.size(); i++) {
            assertEquals("COMPLETED", portal.awaitOrderSettled(orders.get(i), Portal.CATCH_UP).getString("status"));
            String id = customers.get(i);
            await("credits of " + id).atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                    .until(() -> new BigDecimal(portal.credits(id).getString("available.amount")).compareTo(new BigDecimal("50.00")) == 0);
            assertEquals(1, portal.as(BILLING[(i + 1) % 2]).get("/api/customers/{id}/invoices", id).jsonPath().getInt("total"), "one invoice");
            assertEquals(1, portal.as(SUBSCRIPTIONS[i % 2]).get("/api/customers/{id}/license-updates", id).jsonPath().getInt("total"), "one order");
        }
    }

    @Test
    void aDebitSentToBothInstancesAtOnceIsAppliedOnce() throws Exception {
        String id = portal.registerCustomer("Two Instances Debits");
        portal.putCard(id, Portal.CARD_OK);
        String quote = portal.quote(id, Map.of("imCredits", 25)).getString("id");
        assertEquals("COMPLETED", portal.awaitOrderSettled(portal.confirm(id, quote, UUID.randomUUID().toString()), Portal.CATCH_UP).getString("status"));
        await("credits granted").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> new BigDecimal(portal.credits(id).getString("available.amount")).compareTo(new BigDecimal("50.00")) == 0);

        String desk = Deploy.deskToken(id);
        int messages = 100;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> prices = new ArrayList<>();
            for (int m = 0; m < messages; m++) {
                String messageId = "wamid." + UUID.randomUUID();
                for (String credits : CREDITS) { // the same message to both instances at once: one debit
                    prices.add(clients.submit(() -> given().baseUri(credits).auth().oauth2(desk).contentType("application/json")
                            .body(Map.of("messageId", messageId, "channel", "WHATSAPP", "country", "GB", "category", "UTILITY", "window", "NONE"))
                            .post("/api/customers/{id}/credits/debits", id)
                            .then().statusCode(oneOf(200, 201)).extract().path("price.amount")));
                }
            }
            Set<String> distinctPrices = new HashSet<>();
            for (Future<String> price : prices) distinctPrices.add(price.get());
            assertEquals(1, distinctPrices.size(), "one rate for every message");
            BigDecimal spent = new BigDecimal(distinctPrices.iterator().next()).multiply(BigDecimal.valueOf(messages));
            BigDecimal available = new BigDecimal(portal.credits(id).getString("available.amount"));
            assertEquals(0, new BigDecimal("50.00").subtract(spent).compareTo(available), "each message debited once: 50.00 − " + spent);
            int debits = given().baseUri(CREDITS[1]).auth().oauth2(desk).queryParam("type", "DEBIT").queryParam("size", 1)
                    .get("/api/customers/{id}/credits/ledger", id).then().statusCode(200).extract().path("total");
            assertEquals(messages, debits, "one ledger entry a message");
        } finally {
            clients.shutdownNow();
        }
    }
}
