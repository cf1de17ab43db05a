package io.imcredits.credits;

import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.SUBSCRIPTION_EVENTS;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Credits that carry an expiry date: spent first, written off on their day; and refunds of undelivered messages. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class ExpiryTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final String BR_MARKETING = "0.0625"; // the seeded rate card's price of a marketing template to Brazil

    /** Drives time where a lot's day has to come, instead of waiting for it. */
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

    @Test
    void shouldSpendTheEarliestExpiringCreditsFirstAndWriteOffWhatIsLeftOnTheDay() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        credit(customerId, "0.5000", Instant.now().plus(30, ChronoUnit.DAYS)).statusCode(201);
        Instant soon = clock.instant().plusSeconds(3);
        credit(customerId, "0.1000", soon).statusCode(201).body("available.amount", equalTo("1.60"), "expiring.amount", equalTo("0.60"));

        // the lot expiring soonest pays first: 0.0625 of its 0.1000
        debit(Tokens.desk(customerId), customerId, message("wamid.x1", "BR", "MARKETING")).statusCode(201);
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits/expiring", customerId).then().statusCode(200)
                .body("remaining.amount", contains("0.0375", "0.50"), "granted.amount", contains("0.10", "0.50"));

        clock.advance(Duration.ofSeconds(4)); // the lot's day comes
        await().atMost(PATIENCE).until(() -> entries(customerId, LedgerEntry.Type.EXPIRY) == 1);
        assertEquals(new BigDecimal("1.5000"), available(customerId)); // 1.6000 - 0.0625 spent - 0.0375 expired
        assertEquals(new BigDecimal("0.5000"), Fixture.account(customerId).expiring);
        assertEquals(available(customerId), ledgerSum(customerId));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/credits/ledger?type=EXPIRY", customerId).then()
                .statusCode(200).body("items.amount.amount", contains("-0.0375"), "items.balanceAfter.amount", contains("1.50"));
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits/expiring", customerId).then()
                .body("remaining.amount", contains("0.50"));

        // a spend larger than what expires takes the lot and then the credits that never expire
        for (int i = 2; i <= 10; i++) debit(Tokens.desk(customerId), customerId, message("wamid.x" + i, "BR", "MARKETING")).statusCode(201);
        assertEquals(new BigDecimal("0.9375"), available(customerId));
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).expiring);
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits/expiring", customerId).then()
                .body("size()", equalTo(0));
    }

    @Test
    void shouldGrantPurchasedCreditsWithTheExpiryDateTheOrderCarries() {
        UUID customerId = customer(PARTNER), orderId = UUID.randomUUID();
        Instant expiresAt = Instant.parse("2031-01-31T00:00:00Z");
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.creditsPurchased(UUID.randomUUID(), customerId, PARTNER, orderId, "20.00")
                .replace("\"credits\": 400,", "\"credits\": 400, \"expiresAt\": \"" + expiresAt + "\","));

        await().atMost(PATIENCE).until(() -> available(customerId).compareTo(new BigDecimal("20")) == 0);
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/credits/expiring", customerId).then().statusCode(200)
                .body("reference", contains("order:" + orderId), "remaining.amount", contains("20.00"),
                        "expiresAt", contains(expiresAt.toString()));
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits", customerId).then()
                .body("expiring.amount", equalTo("20.00"));
    }

    @Test
    void shouldKeepLotsAndTheExpiringPartInStepUnderConcurrentDebits() throws Exception {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        credit(customerId, "0.6250", Instant.now().plus(10, ChronoUnit.DAYS)).statusCode(201);
        credit(customerId, "0.3125", Instant.now().plus(5, ChronoUnit.DAYS)).statusCode(201);

        ExecutorService agents = Executors.newFixedThreadPool(16);
        try {
            var debits = IntStream.range(0, 20).mapToObj(
                    i -> agents.submit(() -> debit(Tokens.desk(customerId), customerId, message("wamid.c" + i, "BR", "MARKETING")).extract().statusCode()))
                    .toList();
            for (Future<Integer> status : debits) assertEquals(201, status.get());
        } finally {
            agents.shutdown();
        }

        // 20 x 0.0625 = 1.2500: both lots (0.9375) first, then 0.3125 of the credits without a date
        assertEquals(new BigDecimal("0.6875"), available(customerId));
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).expiring);
        assertEquals(BigDecimal.ZERO.setScale(4), lotsRemaining(customerId));
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldSetAHoldAsideFromExpiringCreditsSoTheExpiryCannotTakeTheOthers() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        credit(customerId, "0.1000", clock.instant().plusSeconds(3)).statusCode(201);

        String holdId = Fixture.hold(Tokens.desk(customerId), customerId, "wamid.h1", "BR", "MARKETING").statusCode(201)
                .extract().path("id");
        assertEquals(new BigDecimal("0.0375"), Fixture.account(customerId).expiring);
        clock.advance(Duration.ofSeconds(4)); // the lot's day comes
        await().atMost(PATIENCE).until(() -> entries(customerId, LedgerEntry.Type.EXPIRY) == 1);
        given().auth().oauth2(Tokens.desk(customerId)).contentType(ContentType.JSON).body("{}")
                .post("/api/customers/{id}/credits/holds/{hold}/settle", customerId, holdId)
                .then().statusCode(200).body("status", equalTo("SETTLED"));

        // 1.1000 - 0.0625 spent - 0.0375 expired: the credits without a date are all there
        assertEquals(new BigDecimal("1.0000"), available(customerId));
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).expiring);
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldGiveReleasedHoldsBackToTheLotsTheyWereSetAsideFrom() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        credit(customerId, "0.5460", Instant.now().plus(1, ChronoUnit.DAYS)).statusCode(201);

        // four holds and their releases used to move the whole dated lot out of expiry
        for (int i = 0; i < 4; i++) {
            String holdId = Fixture.hold(Tokens.desk(customerId), customerId, "wamid.h2-" + i, "DE", "MARKETING").statusCode(201)
                    .extract().path("id");
            given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/holds/{hold}/release", customerId, holdId)
                    .then().statusCode(200).body("status", equalTo("RELEASED"), "spent.amount", equalTo("0.00"));
        }

        assertEquals(new BigDecimal("1.5460"), available(customerId));
        assertEquals(new BigDecimal("0.5460"), Fixture.account(customerId).expiring);
        assertEquals(new BigDecimal("0.5460"), lotsRemaining(customerId));
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldDateAWholeGrantAfterPostpaidUsage() {
        UUID customerId = customer(PARTNER);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "POSTPAID"));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).overageLimit.signum() > 0);
        debit(Tokens.desk(customerId), customerId, message("wamid.owed", "BR", "MARKETING")).statusCode(201)
                .body("overage.amount", equalTo(BR_MARKETING));

        // the post-paid usage is billed: the credit is not netted against it, all of it is there and can expire
        credit(customerId, "0.1000", Instant.now().plus(1, ChronoUnit.DAYS)).statusCode(201)
                .body("available.amount", equalTo("0.10"), "expiring.amount", equalTo("0.10"), "postpaidUsed.amount", equalTo(BR_MARKETING));
        assertEquals(new BigDecimal("0.1000"), lotsRemaining(customerId));
    }

    @Test
    void shouldRefuseAnExpiryDateOnADebitOrInThePastAndChangeNothing() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);

        credit(customerId, "1.0000", Instant.now().minusSeconds(60)).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("expiry date"));
        credit(customerId, "-0.5000", Instant.now().plusSeconds(3600)).statusCode(422);

        assertEquals(new BigDecimal("1.0000"), available(customerId));
        assertEquals(1, entries(customerId, LedgerEntry.Type.ADJUSTMENT));
        assertEquals(BigDecimal.ZERO.setScale(4), lotsRemaining(customerId));
    }

    @Test
    void shouldRefundAnUndeliveredMessageOnce() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        debit(Tokens.desk(customerId), customerId, message("wamid.lost", "BR", "MARKETING")).statusCode(201);

        for (int i = 0; i < 2; i++) { // a retried refund answers the first one and gives back nothing more
            given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.lost")
                    .then().statusCode(i == 0 ? 201 : 200)
                    .body("amount.amount", equalTo(BR_MARKETING), "available.amount", equalTo("1.00"), "repeated", equalTo(i > 0));
        }
        assertEquals(1, entries(customerId, LedgerEntry.Type.REFUND));
        assertEquals(new BigDecimal("1.0000"), available(customerId));
        assertEquals(available(customerId), ledgerSum(customerId));

        given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.never")
                .then().statusCode(404).contentType("application/problem+json");
        UUID stranger = customer(UUID.randomUUID());
        given().auth().oauth2(Tokens.desk(stranger)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.lost")
                .then().statusCode(404);
        assertEquals(1, entries(customerId, LedgerEntry.Type.REFUND));
    }

    @Test
    void shouldRefuseToRefundADebitPaidFromThePostpaidAllowance() {
        UUID customerId = customer(PARTNER);
        SUBSCRIPTION_EVENTS.send(customerId.toString(), Fixture.licenseUpdated(customerId, PARTNER, "POSTPAID"));
        await().atMost(PATIENCE).until(() -> Fixture.account(customerId).overageLimit.signum() > 0);
        debit(Tokens.desk(customerId), customerId, message("wamid.postpaid", "BR", "MARKETING")).statusCode(201)
                .body("available.amount", equalTo("0.00"), "overage.amount", equalTo(BR_MARKETING));

        given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.postpaid")
                .then().statusCode(409).body("detail", containsString("post-paid"));
        assertEquals(0, entries(customerId, LedgerEntry.Type.REFUND));
        assertEquals(new BigDecimal("0.0000"), available(customerId));
        assertEquals(new BigDecimal(BR_MARKETING), Fixture.account(customerId).postpaidUsed);
    }

    @Test
    void shouldRefundToTheLotTheDebitTookFromWithItsDate() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", Instant.now().plus(1, ChronoUnit.DAYS)).statusCode(201);
        debit(Tokens.desk(customerId), customerId, message("wamid.made-up", "MX", "MARKETING")).statusCode(201);
        assertEquals(new BigDecimal("0.9695"), Fixture.account(customerId).expiring);

        given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.made-up")
                .then().statusCode(201).body("amount.amount", equalTo("0.0305"), "available.amount", equalTo("1.00"));

        // the refunded credits expire with the lot they came from: none became undated
        assertEquals(new BigDecimal("1.0000"), Fixture.account(customerId).expiring);
        assertEquals(new BigDecimal("1.0000"), lotsRemaining(customerId));
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldNotGiveBackWhatARefundTookFromALotThatHasExpiredSince() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        Instant day = clock.instant().plusSeconds(3);
        credit(customerId, "0.0500", day).statusCode(201);
        debit(Tokens.desk(customerId), customerId, message("wamid.late", "BR", "MARKETING")).statusCode(201); // 0.0500 dated + 0.0125
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).expiring);
        clock.advance(Duration.ofSeconds(4)); // the lot's day comes

        // only the undated 0.0125 comes back: the dated 0.0500 would have expired by now
        given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.late")
                .then().statusCode(201).body("amount.amount", equalTo("0.0125"), "available.amount", equalTo("1.00"));
        assertEquals(new BigDecimal("0.0000"), Fixture.account(customerId).expiring);
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldRefuseARefundOutsideTheWindowAndChangeNothing() {
        UUID customerId = customer(PARTNER);
        credit(customerId, "1.0000", null).statusCode(201);
        debit(Tokens.desk(customerId), customerId, message("wamid.old", "BR", "MARKETING")).statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> LedgerEntry.update( // the debit happened 73 hours ago
                "createdAt = ?1 where customerId = ?2 and idempotencyKey = ?3", Instant.now().minus(73, ChronoUnit.HOURS), customerId,
                "debit:wamid.old"));

        given().auth().oauth2(Tokens.desk(customerId)).post("/api/customers/{id}/credits/debits/{m}/refund", customerId, "wamid.old")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("within 72 hours"));
        assertEquals(0, entries(customerId, LedgerEntry.Type.REFUND));
        assertEquals(new BigDecimal("0.9375"), available(customerId));
    }

    /** An ops credit (or debit) of the amount in USD; with an expiry date when expiresAt is not null. */
    static io.restassured.response.ValidatableResponse credit(UUID customerId, String amount, Instant expiresAt) {
        String expiry = expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"";
        return given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("""
                        {"amount": {"amount": "%s", "currency": "USD"}, "reason": "test credit"%s}""".formatted(amount, expiry))
                .post("/api/customers/{id}/credits/adjustments", customerId).then();
    }

    static BigDecimal lotsRemaining(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> CreditLot.<CreditLot>list("customerId", customerId).stream()
                .map(lot -> lot.remaining).reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add));
    }
}
