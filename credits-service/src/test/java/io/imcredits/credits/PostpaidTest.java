package io.imcredits.credits;

import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.SUBSCRIPTION_EVENTS;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.emitted;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Post-paid usage (the IM_OVERAGE add-on): the prepaid balance pays what it has and never goes below zero, the rest
 * is usage billed by billing-service, within the month's allowance; a grant never nets it, so it is paid once.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class PostpaidTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final String MX_MARKETING = "0.0305";

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldBillPostpaidUsageOnceAndNeverNetItWithALaterGrant() {
        UUID customerId = postpaidCustomer();
        grant(customerId, PARTNER, "0.01");

        // the case: three marketing messages to Mexico with (almost) nothing prepaid
        debit(Tokens.desk(customerId), customerId, message("wamid.mx1", "MX", "MARKETING")).statusCode(201)
                .body("available.amount", equalTo("0.00"), "overage.amount", equalTo("0.0205"), "price.amount", equalTo(MX_MARKETING));
        debit(Tokens.desk(customerId), customerId, message("wamid.mx2", "MX", "MARKETING")).statusCode(201)
                .body("available.amount", equalTo("0.00"), "overage.amount", equalTo(MX_MARKETING));
        debit(Tokens.desk(customerId), customerId, message("wamid.mx3", "MX", "MARKETING")).statusCode(201);
        debit(Tokens.desk(customerId), customerId, message("wamid.mx3", "MX", "MARKETING")).statusCode(200) // a retry: no second usage
                .body("overage.amount", equalTo(MX_MARKETING), "price.amount", equalTo(MX_MARKETING), "repeated", equalTo(true));

        Fixture.balance(customerId).body("available.amount", equalTo("0.00"), "postpaidUsed.amount", equalTo("0.0815"),
                "postpaidAllowance.amount", equalTo("50.00"), "postpaidPeriod", equalTo(YearMonth.now(ZoneOffset.UTC).toString()),
                "status", equalTo("EXHAUSTED"));

        // 10 credits bought afterwards: all 20.00 are there to spend, the 0.0815 stays billed
        grant(customerId, PARTNER, "20.00");
        Fixture.balance(customerId).body("available.amount", equalTo("20.00"), "postpaidUsed.amount", equalTo("0.0815"));
        assertEquals(available(customerId), ledgerSum(customerId));

        await().atMost(PATIENCE).until(() -> emitted(customerId, "PostpaidUsageRecorded").size() >= 3);
        List<JsonPath> usages = emitted(customerId, "PostpaidUsageRecorded");
        assertEquals(List.of("0.0205", MX_MARKETING, MX_MARKETING), usages.stream().map(u -> u.getString("data.amount.amount")).toList());
        assertEquals(Set.of("MX"), usages.stream().map(u -> u.getString("data.country")).collect(Collectors.toSet()));
        assertEquals(Set.of("MARKETING"), usages.stream().map(u -> u.getString("data.category")).collect(Collectors.toSet()));
        // each usage is on the ledger under the id billing sees, so a reconciliation can match them one to one
        assertEquals(usages.stream().map(u -> u.getString("data.usageId")).collect(Collectors.toSet()), ledgerUsages(customerId).keySet());
        assertEquals(new BigDecimal("0.0815"), ledgerUsages(customerId).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void shouldRefuseADebitBeyondTheMonthsAllowanceAndChangeNothing() {
        UUID customerId = postpaidCustomer();
        allowance(customerId, "0.1000");
        for (int i = 1; i <= 3; i++) debit(Tokens.desk(customerId), customerId, message("wamid.a" + i, "MX", "MARKETING")).statusCode(201);

        debit(Tokens.desk(customerId), customerId, message("wamid.a4", "MX", "MARKETING")).statusCode(402)
                .contentType("application/problem+json");
        assertEquals(new BigDecimal("0.0915"), Fixture.account(customerId).postpaidUsed);
        assertEquals(3, entries(customerId, LedgerEntry.Type.DEBIT));

        // a free message costs nothing, allowance or not
        debit(Tokens.desk(customerId), customerId, message("wamid.free", "MX", "SERVICE")).statusCode(201)
                .body("overage.amount", equalTo("0.00"));
    }

    @Test
    void shouldStartANewAllowanceInANewMonth() {
        UUID customerId = postpaidCustomer();
        allowance(customerId, "0.1000");
        LocalDate lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        QuarkusTransaction.requiringNew().run(() -> CreditAccount.update(
                "postpaidUsed = ?1, postpaidPeriod = ?2 where customerId = ?3", new BigDecimal("0.1000"), lastMonth, customerId));
        Fixture.balance(customerId).body("postpaidUsed.amount", equalTo("0.00"));

        debit(Tokens.desk(customerId), customerId, message("wamid.new-month", "MX", "MARKETING")).statusCode(201);
        CreditAccount account = Fixture.account(customerId);
        assertEquals(new BigDecimal(MX_MARKETING), account.postpaidUsed);
        assertEquals(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1), account.postpaidPeriod);
    }

    @Test
    void shouldSplitExactlyOnceAndStayWithinTheAllowanceUnderConcurrentDebits() throws Exception {
        UUID customerId = postpaidCustomer();
        grant(customerId, PARTNER, "0.5400"); // 50 IN marketing messages (0.0107) and 0.0050 of the 51st
        allowance(customerId, "0.1070"); // then 0.0057 and 9 x 0.0107 = 0.1020 post-paid; the next would exceed it
        String desk = Tokens.desk(customerId);

        ExecutorService agents = Executors.newFixedThreadPool(32);
        Map<Integer, Long> statuses = new TreeMap<>();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String body = message("wamid.cross-" + i, "IN", "MARKETING");
                sent.add(agents.submit(() -> debit(desk, customerId, body).extract().statusCode()));
            }
            for (Future<Integer> status : sent) statuses.merge(status.get(), 1L, Long::sum);
        } finally {
            agents.shutdownNow();
        }

        assertEquals(Map.of(201, 60L, 402, 40L), statuses);
        CreditAccount account = Fixture.account(customerId);
        assertEquals(new BigDecimal("0.0000"), account.available);
        assertEquals(new BigDecimal("0.1020"), account.postpaidUsed);
        assertEquals(0, ledgerSum(customerId).compareTo(account.available), "the balance equals the ledger sum");
        Map<String, BigDecimal> usages = ledgerUsages(customerId);
        assertEquals(10, usages.size(), "one split message and nine wholly post-paid");
        assertEquals(new BigDecimal("0.1020"), usages.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        await().atMost(PATIENCE).until(() -> emitted(customerId, "PostpaidUsageRecorded").size() >= 10);
        assertEquals(usages.keySet(), emitted(customerId, "PostpaidUsageRecorded").stream()
                .map(u -> u.getString("data.usageId")).collect(Collectors.toSet()));
    }

    /**
     * Issue 14's contract: subscription-service tells the standing; only an ACTIVE subscription may go beyond its prepaid
     * balance. Past due, suspended or cancelled, prepaid credits stay spendable and the rest is refused naming the standing.
     */
    @Test
    void shouldStopThePostpaidAllowanceWhileTheSubscriptionIsNotInGoodStanding() {
        UUID customerId = postpaidCustomer();
        grant(customerId, PARTNER, "0.05");
        String desk = Tokens.desk(customerId);
        for (String standing : List.of("PAST_DUE", "SUSPENDED", "CANCELLED")) {
            standing(customerId, standing, "ACTIVE");
            Fixture.balance(customerId).body("standing", equalTo(standing));
            debit(desk, customerId, message("wamid.beyond-" + standing, "DE", "MARKETING")).statusCode(402) // 0.1365
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("post-paid allowance is stopped while the subscription is " + standing));
            standing(customerId, "ACTIVE", standing);
        }
        standing(customerId, "PAST_DUE", "ACTIVE");
        debit(desk, customerId, message("wamid.prepaid", "IN", "MARKETING")).statusCode(201) // prepaid credits stay spendable
                .body("overage.amount", equalTo("0.00"), "available.amount", equalTo("0.0393"));
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).postpaidUsed);
        assertEquals(1, entries(customerId, LedgerEntry.Type.DEBIT));

        standing(customerId, "ACTIVE", "PAST_DUE"); // paid again: the allowance is back
        debit(desk, customerId, message("wamid.beyond-again", "DE", "MARKETING")).statusCode(201)
                .body("available.amount", equalTo("0.00"), "overage.amount", equalTo("0.0972"));
    }

    /** Publishes SubscriptionStandingChanged as subscription-service does and waits until the account shows it. */
    static void standing(UUID customerId, String standing, String previous) {
        SUBSCRIPTION_EVENTS.send(customerId.toString(), """
                {"eventId": "%s", "type": "SubscriptionStandingChanged", "version": 1, "occurredAt": "%s",
                 "source": "subscription-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"customerId": "%s", "standing": "%s", "previous": "%s", "reason": "RENEWAL_FAILED"}}"""
                .formatted(UUID.randomUUID(), java.time.Instant.now(), PARTNER, customerId, customerId, customerId, standing, previous));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).standing.name().equals(standing));
    }

    /** A customer with the post-paid add-on and nothing prepaid. */
    static UUID postpaidCustomer() {
        UUID customerId = customer(PARTNER);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "POSTPAID"));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).overageLimit.signum() > 0);
        return customerId;
    }

    /** A smaller allowance than credits.postpaid-overage-limit, so a test can reach it. */
    static void allowance(UUID customerId, String limit) {
        QuarkusTransaction.requiringNew().run(() -> CreditAccount.update("overageLimit = ?1 where customerId = ?2", new BigDecimal(limit), customerId));
    }

    /** The account's post-paid usages on the ledger: usage id → amount. */
    static Map<String, BigDecimal> ledgerUsages(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.<LedgerEntry>list("customerId = ?1 and usageId is not null", customerId)
                .stream().collect(Collectors.toMap(entry -> entry.usageId.toString(), entry -> entry.postpaid)));
    }
}
