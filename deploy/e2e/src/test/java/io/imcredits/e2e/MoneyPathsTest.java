package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Money off the happy path: what a partner meets when a purchase or a spend is not the plain one. */
@Order(4)
class MoneyPathsTest {

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Money Partners " + UUID.randomUUID());
    }

    @Test
    void thePostpaidAddOnBoughtAloneCompletesWithoutACharge() {
        String customerId = portal.registerCustomer("Overage Only");
        portal.putCard(customerId, Portal.CARD_OK);
        JsonPath quote = portal.quote(customerId, Map.of("addOns", List.of(Map.of("code", "IM_OVERAGE", "quantity", 1))));
        assertEquals(0, new BigDecimal(quote.getString("total.amount")).signum(), "nothing to pay now: it bills usage later");

        JsonPath order = portal.awaitOrderSettled(portal.confirm(customerId, quote.getString("id"), key()), Portal.CATCH_UP);

        assertEquals("COMPLETED", order.getString("status"), () -> "order ended " + order.prettify());
        portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId)
                .then().statusCode(200).body("addOns.code", hasItem("IM_OVERAGE"));
        assertEquals(0, portal.invoices(customerId).getList("items").size(), "no invoice for nothing charged");
        assertEquals(List.of(), Topics.deadLetters("billing-service", Set.of(customerId)));
    }

    @Test
    void postpaidUsageIsBilledOnceInWholeCentsAndNeverPaidByALaterGrant() {
        String customerId = portal.registerCustomer("Overage Heavy");
        portal.putCard(customerId, Portal.CARD_OK);
        JsonPath addOn = portal.quote(customerId, Map.of("addOns", List.of(Map.of("code", "IM_OVERAGE", "quantity", 1))));
        assertEquals("COMPLETED", portal.awaitOrderSettled(portal.confirm(customerId, addOn.getString("id"), key()), Portal.CATCH_UP)
                .getString("status"));
        await("post-paid allowance of " + customerId).atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> amount(portal.credits(customerId), "postpaidAllowance").signum() > 0);

        // 20 marketing messages to Mexico at 0.0305 with nothing prepaid: 0.6100 of post-paid usage.
        for (int i = 0; i < 20; i++) {
            desk(customerId).body(Map.of("messageId", "wamid." + UUID.randomUUID(), "channel", "WHATSAPP", "country", "MX",
                    "category", "MARKETING", "window", "NONE"))
                    .post("/api/customers/{id}/credits/debits", customerId).then().statusCode(201);
        }
        assertEquals(new BigDecimal("0.6100"), amount(portal.credits(customerId), "postpaidUsed"));

        // Credits bought afterwards go to the balance whole: they do not pay the usage that billing bills.
        JsonPath credits = portal.quote(customerId, Map.of("imCredits", 10));
        assertEquals("COMPLETED", portal.awaitOrderSettled(portal.confirm(customerId, credits.getString("id"), key()), Portal.CATCH_UP)
                .getString("status"));
        await("the 10 credits reach Desk").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> amount(portal.credits(customerId), "available").compareTo(new BigDecimal("20.0000")) == 0);

        // Four period closes at once (two instances' monthly jobs and an operator, say) charge the usage once.
        await("billing has the 20 usages").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> portal.as(Portal.BILLING).get("/api/customers/{id}/billing-status", customerId)
                        .then().statusCode(200).extract().jsonPath().getInt("unbilledUsage.count") == 20);
        CyclicBarrier together = new CyclicBarrier(4);
        List<JsonPath> closes = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            arriveTogether(together);
            return given().baseUri(Portal.BILLING).auth().oauth2(Deploy.opsToken()).contentType("application/json")
                    .body(Map.of("customerId", customerId)).post("/api/billing-periods/close")
                    .then().statusCode(200).extract().jsonPath();
        })).toList().stream().map(CompletableFuture::join).toList();
        List<String> charged = closes.stream().flatMap(close -> close.getList("charges.total.amount", String.class).stream()).toList();
        assertEquals(List.of("0.61"), charged.stream().map(a -> new BigDecimal(a).setScale(2).toPlainString()).toList(),
                "one charge of 0.61 in whole cents");

        await("the post-paid invoice").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> portal.invoices(customerId).getList("items.findAll { it.orderId == null }").size() == 1);
        JsonPath invoice = portal.invoices(customerId).setRootPath("items.find { it.orderId == null }");
        assertEquals(new BigDecimal("0.61"), new BigDecimal(invoice.getString("total.amount")).setScale(2));
        assertEquals(List.of("20"), invoice.getList("lines.findAll { it.code == 'POSTPAID_USAGE' }.quantity", Object.class).stream()
                .map(q -> new BigDecimal(q.toString()).stripTrailingZeros().toPlainString()).toList(), "one line for MX marketing, 20 messages");
        String csv = portal.as(Portal.BILLING).get("/api/invoices/{id}/usage.csv", invoice.getString("id"))
                .then().statusCode(200).extract().asString();
        assertEquals(21, csv.strip().split("\r\n").length, "a header and the 20 messages");
    }

    @Test
    void updateLicenseRightAfterChangeCardIsAcceptedAndCharged() {
        String customerId = portal.registerCustomer("Quick Card");
        // Change Card, then at once quote and confirm, as a partner in the portal would: no waiting for the card to be known everywhere.
        portal.as(Portal.BILLING).body(Portal.card(Portal.CARD_OK)).put("/api/customers/{id}/card", customerId).then().statusCode(200);
        JsonPath quote = portal.quote(customerId, Map.of("imCredits", 10));

        JsonPath order = portal.awaitOrderSettled(portal.confirm(customerId, quote.getString("id"), key()), Portal.CATCH_UP);

        assertEquals("COMPLETED", order.getString("status"), () -> "order ended " + order.prettify());
        assertEquals(1, portal.invoices(customerId).getList("items").size());
    }

    @Test
    void updateLicenseRightAfterRemoveCardFailsWithoutCharging() {
        String customerId = portal.registerCustomer("Card Gone");
        portal.putCard(customerId, Portal.CARD_OK);
        portal.as(Portal.BILLING).delete("/api/customers/{id}/card", customerId).then().statusCode(204);
        JsonPath quote = portal.quote(customerId, Map.of("imCredits", 10));

        JsonPath order = portal.awaitOrderSettled(portal.confirm(customerId, quote.getString("id"), key()), Portal.CATCH_UP);

        assertEquals("FAILED", order.getString("status"));
        assertEquals("NO_CARD", order.getString("failureReason"));
        assertEquals(0, portal.invoices(customerId).getList("items").size(), "the removed card was not charged");
        assertEquals(0, portal.credits(customerId).getObject("available.amount", BigDecimal.class).signum(), "no credits");
    }

    @Test
    void aRefundGivesBackToTheDatedCreditsItTookAndKeepsTheirExpiry() {
        String customerId = portal.registerCustomer("Dated Refund");
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given().baseUri(Portal.CREDITS).auth().oauth2(Deploy.opsToken()).contentType("application/json").header("Idempotency-Key", key())
                .body(Map.of("amount", Map.of("amount", "1.00", "currency", "USD"), "reason", "goodwill", "expiresAt", tomorrow.toString()))
                .post("/api/customers/{id}/credits/adjustments", customerId)
                .then().statusCode(201);
        String messageId = "wamid." + UUID.randomUUID();
        desk(customerId).body(Map.of("messageId", messageId, "channel", "WHATSAPP", "country", "MX", "category", "MARKETING", "window", "NONE"))
                .post("/api/customers/{id}/credits/debits", customerId).then().statusCode(201);
        assertEquals(new BigDecimal("0.9695"), amount(portal.credits(customerId), "expiring"), "the debit took dated credits");

        desk(customerId).post("/api/customers/{id}/credits/debits/{messageId}/refund", customerId, messageId).then().statusCode(201);

        JsonPath balance = portal.credits(customerId);
        assertEquals(new BigDecimal("1.0000"), amount(balance, "available"));
        assertEquals(new BigDecimal("1.0000"), amount(balance, "expiring"), "the refund came back dated, not as credits that never expire");
        desk(customerId).post("/api/customers/{id}/credits/debits/{messageId}/refund", customerId, "wamid.never-sent")
                .then().statusCode(404);
    }

    private static void arriveTogether(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification desk(String customerId) {
        return given().baseUri(Portal.CREDITS).auth().oauth2(Deploy.deskToken(customerId)).contentType("application/json");
    }

    private static BigDecimal amount(JsonPath balance, String field) {
        return new BigDecimal(balance.getString(field + ".amount")).setScale(4);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
