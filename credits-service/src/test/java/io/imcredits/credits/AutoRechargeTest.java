package io.imcredits.credits;

import static io.imcredits.credits.Fixture.CUSTOMER_EVENTS;
import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.SUBSCRIPTION_EVENTS;
import static io.imcredits.credits.Fixture.account;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.balance;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.emitted;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.message;
import static io.imcredits.credits.Fixture.spend;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Auto-recharge (issue 19), against the real database and broker: subscription-service's settings come in as
 * AutoRechargeConfigured, and each crossing of the threshold goes out as one AutoRechargeTriggered.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class AutoRechargeTest {

    static final UUID PARTNER = UUID.randomUUID();

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldTriggerOncePerCrossingAndReArmWhenACreditLiftsTheBalanceBack() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.0428"); // four IN marketing messages at 0.0107
        configure(customerId, true, "0.025", 1);
        balance(customerId).body("autoRechargeThreshold.amount", equalTo("0.025"), "autoRechargeThreshold.currency", equalTo("USD"));

        spend(customerId, 3); // 0.0321, 0.0214 (crossing), 0.0107 (still below: nothing)
        grant(customerId, PARTNER, "0.0428"); // 0.0535: back above the line, re-armed
        spend(customerId, 3); // 0.0428, 0.0321, 0.0214 (crossing again)

        List<String> expected = List.of("CreditsGranted", "AutoRechargeTriggered", "CreditsGranted", "AutoRechargeTriggered");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        List<JsonPath> triggered = emitted(customerId, "AutoRechargeTriggered");
        List<Long> crossingDebits = crossingSeqs(customerId, "0.0214");
        assertEquals(2, crossingDebits.size());
        for (int i = 0; i < 2; i++) {
            JsonPath trigger = triggered.get(i);
            assertEquals(customerId + ":" + crossingDebits.get(i), trigger.getString("data.crossingId"), "the crossing debit's ledger seq");
            assertEquals("0.0214", trigger.getString("data.available.amount"));
            assertEquals("0.025", trigger.getString("data.threshold.amount"));
            assertEquals("USD", trigger.getString("data.threshold.currency"));
            assertEquals("credits-service", trigger.getString("source"));
            assertEquals(List.of("customerId", "crossingId", "available", "threshold"), List.copyOf(trigger.getMap("data").keySet()));
        }
    }

    @Test
    void shouldTriggerOnceWhenManyConcurrentDebitsCrossTheLine() throws Exception {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.07"); // 100 messages
        configure(customerId, true, "0.50", 1);
        String desk = Tokens.desk(customerId);

        ExecutorService agents = Executors.newFixedThreadPool(50);
        Map<Integer, Long> statuses = new TreeMap<>();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String body = message("wamid.cross-" + i, "IN", "MARKETING");
                sent.add(agents.submit(() -> debit(desk, customerId, body).extract().statusCode()));
            }
            for (Future<Integer> status : sent) statuses.merge(status.get(), 1L, Long::sum);
        } finally {
            agents.shutdownNow();
        }
        assertEquals(Map.of(201, 80L), statuses);
        assertEquals(new BigDecimal("0.2140"), available(customerId));
        grant(customerId, PARTNER, "0.01"); // published after any trigger of the burst

        await().atMost(PATIENCE).until(() -> emitted(customerId, "CreditsGranted").size() == 2);
        List<JsonPath> triggered = emitted(customerId, "AutoRechargeTriggered");
        assertEquals(1, triggered.size());
        // the one debit that took the balance from at or above 0.50 to below it: 0.5029 -> 0.4922
        assertEquals("0.4922", triggered.get(0).getString("data.available.amount"));
        assertEquals(List.of(customerId + ":" + crossingSeqs(customerId, "0.4922").get(0)), List.of(triggered.get(0).getString("data.crossingId")));
    }

    @Test
    void shouldApplyASettingOnceAndIgnoreAnOlderVersion() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String first = configured(UUID.randomUUID(), customerId, true, "2.00", 1);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), first);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), first); // Kafka redelivers it
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(account(customerId).autoRechargeVersion));

        configure(customerId, true, "0.50", 3);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), configured(UUID.randomUUID(), customerId, true, "5.00", 2)); // late
        SUBSCRIPTION_EVENTS.send(customerId.toString(), configured(UUID.randomUUID(), customerId, true, "5.00", 3)); // same version
        grant(customerId, PARTNER, "0.01"); // a later event on the same partition: the others were consumed before it

        assertEquals(3, account(customerId).autoRechargeVersion);
        balance(customerId).body("autoRechargeThreshold.amount", equalTo("0.50"));
        List<String> expected = List.of("CreditsGranted", "AutoRechargeTriggered", "CreditsGranted");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        JsonPath trigger = emitted(customerId, "AutoRechargeTriggered").get(0);
        assertEquals(customerId + ":config:1", trigger.getString("data.crossingId"));
        assertEquals("1.00", trigger.getString("data.available.amount"));
        assertEquals("2.00", trigger.getString("data.threshold.amount"));
    }

    @Test
    void shouldTriggerAtOnceWhenEnabledBelowTheLineAndNeverWhileDisabled() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        configure(customerId, true, "2.00", 1); // enabled below the line: a crossing at once
        configure(customerId, true, "3.00", 2); // raised, but the balance was already below: the same crossing
        configure(customerId, false, "3.00", 3); // off
        balance(customerId).body("autoRechargeThreshold", nullValue());

        grant(customerId, PARTNER, "5.00"); // 6.00
        configure(customerId, true, "1.00", 4); // on, above the line: nothing yet
        configure(customerId, false, "1.00", 5); // off again
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "-5.50", "currency": "USD"}, "reason": "crossing while off"}""")
                .post("/api/customers/{id}/credits/adjustments", customerId).then().statusCode(201)
                .body("available.amount", equalTo("0.50"), "autoRechargeThreshold", nullValue());
        grant(customerId, PARTNER, "0.01");

        List<String> expected = List.of("CreditsGranted", "AutoRechargeTriggered", "CreditsGranted", "CreditsGranted");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        JsonPath trigger = emitted(customerId, "AutoRechargeTriggered").get(0);
        assertEquals(customerId + ":config:1", trigger.getString("data.crossingId"));
        assertEquals("1.00", trigger.getString("data.available.amount"));
        assertEquals("2.00", trigger.getString("data.threshold.amount"));
    }

    @Test
    void shouldNotTriggerAgainForARepeatedDebit() throws Exception {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "0.0321");
        configure(customerId, true, "0.025", 1);
        String desk = Tokens.desk(customerId), body = message("wamid.again-" + customerId, "IN", "MARKETING");

        debit(desk, customerId, body).statusCode(201).body("available.amount", equalTo("0.0214")); // the crossing
        debit(desk, customerId, body).statusCode(200); // Desk retries it
        ExecutorService agents = Executors.newFixedThreadPool(20); // and retries it in a burst, through group commits
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) sent.add(agents.submit(() -> debit(desk, customerId, body).extract().statusCode()));
            for (Future<Integer> status : sent) assertEquals(200, status.get());
        } finally {
            agents.shutdownNow();
        }
        assertEquals(new BigDecimal("0.0214"), available(customerId));
        grant(customerId, PARTNER, "0.01");

        List<String> expected = List.of("CreditsGranted", "AutoRechargeTriggered", "CreditsGranted");
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
    }

    @Test
    void shouldKeepSettingsThatArriveBeforeTheAccount() {
        UUID customerId = UUID.randomUUID();
        SUBSCRIPTION_EVENTS.send(customerId.toString(), configured(UUID.randomUUID(), customerId, true, "1.00", 1));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> account(customerId) != null);
        CUSTOMER_EVENTS.send(customerId.toString(), Fixture.customerRegistered(UUID.randomUUID(), customerId, PARTNER)); // late
        grant(customerId, PARTNER, "5.00");

        assertEquals(0, new BigDecimal("1.00").compareTo(account(customerId).autoRechargeThreshold));
        assertEquals(PARTNER, account(customerId).partnerId);
        List<String> expected = List.of("AutoRechargeTriggered", "CreditsGranted"); // opened empty, below the line
        await().atMost(PATIENCE).until(() -> emitted(customerId).size() >= expected.size());
        assertEquals(expected, emitted(customerId));
        assertEquals(customerId + ":config:1", emitted(customerId, "AutoRechargeTriggered").get(0).getString("data.crossingId"));
        assertTrue(emitted(customerId, "AutoRechargeTriggered").get(0).getString("data.available.amount").startsWith("0"));
    }

    /** Sends the settings and waits until this service applied them. */
    static void configure(UUID customerId, boolean enabled, String threshold, int version) {
        SUBSCRIPTION_EVENTS.send(customerId.toString(), configured(UUID.randomUUID(), customerId, enabled, threshold, version));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> Integer.valueOf(version).equals(account(customerId).autoRechargeVersion));
    }

    static String configured(UUID eventId, UUID customerId, boolean enabled, String threshold, int version) {
        return """
                {"eventId": "%s", "type": "AutoRechargeConfigured", "version": 1, "occurredAt": "%s",
                 "source": "subscription-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"customerId": "%s", "enabled": %s, "threshold": {"amount": "%s", "currency": "USD"}, "version": %d}}"""
                .formatted(eventId, Instant.now(), PARTNER, customerId, customerId, customerId, enabled, threshold, version);
    }

    /** The sequence numbers of the account's debits that left this balance, oldest first. */
    static List<Long> crossingSeqs(UUID customerId, String balanceAfter) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.<LedgerEntry>list(
                "customerId = ?1 and type = ?2 and balanceAfter = ?3 order by seq", customerId, LedgerEntry.Type.DEBIT,
                new BigDecimal(balanceAfter)).stream().map(entry -> entry.seq).toList());
    }
}
