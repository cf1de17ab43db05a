package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The seed article's walk, as a partner and then as the Desk app, across the four running services. */
@Order(1)
class PartnerJourneyTest {

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Journey Partners " + UUID.randomUUID());
    }

    @Test
    void partnerBuysCreditsForACustomerAndDeskSpendsThem() {
        // 1. Customers: register a company, find it in the list, open it.
        String customerId = portal.registerCustomer("Zylker Journey");
        portal.as(Portal.CUSTOMERS).queryParam("q", "zylker journey").get("/api/customers")
                .then().statusCode(200).body("total", equalTo(1), "items[0].id", equalTo(customerId));
        int version = portal.as(Portal.CUSTOMERS).get("/api/customers/{id}", customerId)
                .then().statusCode(200).body("companyName", equalTo("Zylker Journey")).extract().path("version");

        // 2. Customer Details → Update; Large Deal → Submit.
        portal.as(Portal.CUSTOMERS).header("If-Match", String.valueOf(version))
                .body(Map.of("companyName", "Zylker Journey Ltd", "contactName", "Ann Lee", "email", "billing@zylker-journey.example",
                        "phone", "+44 20 7946 0958", "country", "GB"))
                .put("/api/customers/{id}", customerId)
                .then().statusCode(200).body("companyName", equalTo("Zylker Journey Ltd"), "version", equalTo(version + 1));
        portal.as(Portal.CUSTOMERS)
                .body(Map.of("planCode", "ENTERPRISE", "agents", 50, "imCredits", 5000,
                        "estimatedValue", Map.of("amount", "25000.00", "currency", "USD"),
                        "expectedCloseDate", LocalDate.now().plusMonths(2).toString(), "notes", "Rollout to all regions"))
                .post("/api/customers/{id}/deals", customerId)
                .then().statusCode(201).body("status", equalTo("SUBMITTED"));

        // 3. Change Card.
        portal.putCard(customerId, Portal.CARD_OK);
        portal.as(Portal.BILLING).get("/api/customers/{id}/card", customerId)
                .then().statusCode(200).body("last4", equalTo("4242"), "number", equalTo(null));

        // 4. Customer Plan: view it, quote an upgrade plus 25 IM credits, Update License → OK.
        portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId)
                .then().statusCode(200).body("planCode", equalTo("STANDARD"), "agents", equalTo(5));
        BigDecimal before = portal.credits(customerId).getObject("available.amount", BigDecimal.class);
        JsonPath quote = portal.quote(customerId, Map.of("planCode", "PROFESSIONAL", "imCredits", 25));
        String orderId = portal.confirm(customerId, quote.getString("id"), UUID.randomUUID().toString());
        JsonPath order = portal.awaitOrderSettled(orderId, Portal.CATCH_UP);
        assertEquals("COMPLETED", order.getString("status"), () -> "order ended " + order.prettify());

        // 5. The license is updated, the invoice is issued for the quote's total, Desk sees the credits.
        portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", customerId)
                .then().statusCode(200).body("planCode", equalTo("PROFESSIONAL"));
        JsonPath invoices = portal.invoices(customerId);
        assertEquals(1, invoices.getList("items").size(), "one invoice for one purchase");
        assertEquals(new BigDecimal(quote.getString("total.amount")), new BigDecimal(invoices.getString("items[0].total.amount")));
        await(() -> portal.credits(customerId).getObject("available.amount", BigDecimal.class)
                .compareTo(before.add(new BigDecimal("50.00"))) == 0, "the 25 credits (50.00 USD) reach Desk");

        // 6. Desk spends credits for messages of several categories and countries, one free in a service window.
        String desk = Deploy.deskToken(customerId);
        BigDecimal spent = BigDecimal.ZERO;
        for (Map<String, Object> message : List.<Map<String, Object>>of(
                Map.of("channel", "WHATSAPP", "country", "IN", "category", "MARKETING", "window", "NONE"),
                Map.of("channel", "WHATSAPP", "to", "+14155550100", "category", "AUTHENTICATION", "window", "NONE"),
                Map.of("channel", "WHATSAPP", "country", "BR", "category", "UTILITY", "window", "NONE"),
                Map.of("channel", "WHATSAPP", "country", "GB", "category", "UTILITY", "window", "CUSTOMER_SERVICE"))) {
            Map<String, Object> body = new HashMap<>(message);
            body.put("messageId", "wamid." + UUID.randomUUID());
            String price = given().baseUri(Portal.CREDITS).auth().oauth2(desk).contentType("application/json").body(body)
                    .post("/api/customers/{id}/credits/debits", customerId)
                    .then().statusCode(201).extract().path("price.amount");
            if ("CUSTOMER_SERVICE".equals(message.get("window"))) assertEquals(0, new BigDecimal(price).signum(), "free inside a service window");
            spent = spent.add(new BigDecimal(price));
        }
        BigDecimal available = portal.credits(customerId).getObject("available.amount", BigDecimal.class);
        assertEquals(0, before.add(new BigDecimal("50.00")).subtract(spent).compareTo(available), "balance = bought − spent");
        List<String> amounts = given().baseUri(Portal.CREDITS).auth().oauth2(desk).queryParam("size", 100)
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200).extract().path("items.amount.amount");
        BigDecimal ledgerSum = amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, ledgerSum.compareTo(available), "the ledger adds up to the balance");

        // 7. Remove Card: the next purchase fails with the reason, and the removed card is not charged.
        portal.as(Portal.BILLING).delete("/api/customers/{id}/card", customerId).then().statusCode(204);
        String nextQuote = portal.quote(customerId, Map.of("imCredits", 10)).getString("id");
        JsonPath refused = portal.awaitOrderSettled(portal.confirm(customerId, nextQuote, UUID.randomUUID().toString()), Portal.CATCH_UP);
        assertEquals("FAILED", refused.getString("status"));
        assertEquals("NO_CARD", refused.getString("failureReason"));
        assertEquals(1, portal.invoices(customerId).getList("items").size(), "still the one invoice");
    }

    static void await(Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
