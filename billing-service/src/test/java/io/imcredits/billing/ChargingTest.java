package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** LicenseUpdateRequested in, the sandbox card's outcome out: subscription-service's contract, through the real broker. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class ChargingTest {

    static final UUID PARTNER = UUID.randomUUID();

    @Inject
    PaymentGateway gateway;

    @Inject
    Charges charges;

    @BeforeEach
    void setUp() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        CardNumberLeaks.markStartOfRun();
    }

    @AfterEach
    void noFullCardNumberAnywhere() {
        CardNumberLeaks.assertNowhere();
    }

    static UUID order(UUID customerId) {
        UUID orderId = UUID.randomUUID();
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(),
                Events.licenseUpdateRequested(UUID.randomUUID(), orderId, customerId, PARTNER, "50.00", "1.50", "51.50"));
        return orderId;
    }

    static Charge awaitSettled(UUID orderId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Charge charge = Fixture.charge(orderId);
            return charge != null && (charge.status == Charge.Status.SUCCEEDED || charge.status == Charge.Status.FAILED);
        });
        return Fixture.charge(orderId);
    }

    @Test
    void shouldChargeTheCardIssueAnInvoiceAndSaySo() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");

        UUID orderId = order(customerId);

        Charge charge = awaitSettled(orderId);
        assertEquals(Charge.Status.SUCCEEDED, charge.status);
        JsonPath paid = Fixture.awaitOne(customerId, "PaymentSucceeded");
        assertEquals(orderId.toString(), paid.getString("orderId"));
        assertEquals(charge.id.toString(), paid.getString("chargeId"));
        assertEquals("51.50", paid.getString("amount.amount"));
        assertEquals("USD", paid.getString("amount.currency"));
        assertEquals(0, new BigDecimal("51.50").compareTo(gatewayAmount(orderId.toString())), "the amount is what the gateway took");
        String invoiceId = paid.getString("invoiceId");
        JsonPath issued = Fixture.awaitOne(customerId, "InvoiceIssued");
        assertEquals(invoiceId, issued.getString("invoiceId"));
        assertEquals("PARTNER", issued.getString("payer"));

        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200)
                .body("number", equalTo(issued.getString("number")), "payer", equalTo("PARTNER"), "payerId", equalTo(PARTNER.toString()),
                        "orderId", equalTo(orderId.toString()), "status", equalTo("PAID"),
                        "lines[0].code", equalTo("IM_CREDITS"), "lines[0].amount.amount", equalTo("50.00"),
                        "fee.amount", equalTo("1.50"), "total.amount", equalTo("51.50"), "cardLast4", equalTo("4242"));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/invoices", customerId)
                .then().statusCode(200).body("total", equalTo(1), "items[0].id", equalTo(invoiceId));
        given().auth().oauth2(Tokens.ops()).accept("text/html").get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200).contentType("text/html")
                // defence in depth for a page that shows text from other services
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("Invoice " + issued.getString("number")), containsString("51.50 USD"),
                        containsString("IM credits &lt;WhatsApp&gt;"), containsString("VISA ending 4242"));
        given().auth().oauth2(Tokens.partner(UUID.randomUUID())).get("/api/invoices/{id}", invoiceId).then().statusCode(404);
    }

    @Test
    void shouldRefusePagesBeyondTheLargestOneNamingPage() {
        UUID customerId = Fixture.customerOf(PARTNER);
        var partner = given().auth().oauth2(Tokens.partner(PARTNER));
        // page × size overflowed an int and answered 500
        partner.get("/api/customers/{id}/invoices?page=2147483647&size=500", customerId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("page", "size")), "detail", containsString("page: must be less than or equal to 10000"));
        // not an int at all: a 400 naming the parameter, not a 404 for the whole address
        for (String query : List.of("page=9223372036854775807", "page=abc", "size=1.5")) {
            String param = query.substring(0, query.indexOf('='));
            given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/invoices?" + query, customerId).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of(param)), "detail", containsString(param + ": must be a whole number"));
        }
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/invoices?page=10000&size=200", customerId).then().statusCode(200)
                .body("total", equalTo(0), "page", equalTo(10000), "items", equalTo(List.of()));
    }

    @ParameterizedTest
    @CsvSource({
            "4000000000000002, DECLINED, declined",
            "4000000000009995, INSUFFICIENT_FUNDS, insufficient funds",
            "4000000000000069, EXPIRED_CARD, expired"})
    void shouldFailTheOrderWithAReasonThePartnerCanActOn(String number, String reason, String message) {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, number);

        UUID orderId = order(customerId);

        assertEquals(Charge.Status.FAILED, awaitSettled(orderId).status);
        JsonPath failed = Fixture.awaitOne(customerId, "PaymentFailed");
        assertEquals(orderId.toString(), failed.getString("orderId"));
        assertEquals(reason, failed.getString("reason"));
        assertTrue(failed.getString("message").contains(message), failed.getString("message"));
        assertTrue(Fixture.published(customerId, "PaymentSucceeded").isEmpty());
        assertTrue(Fixture.published(customerId, "InvoiceIssued").isEmpty());
        assertEquals(0, Fixture.count("select count(*) from invoice where order_id = ?1", orderId));
    }

    @Test
    void shouldFailAnOrderForACustomerWithoutACard() {
        UUID customerId = Fixture.customerOf(PARTNER);

        UUID orderId = order(customerId);

        assertEquals(Charge.Status.FAILED, awaitSettled(orderId).status);
        JsonPath failed = Fixture.awaitOne(customerId, "PaymentFailed");
        assertEquals("NO_CARD", failed.getString("reason"));
        assertTrue(failed.getString("message").contains("Change Card"));
    }

    @Test
    void shouldRetryATemporaryGatewayFailureAndThenSucceed() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000000000000119");

        UUID orderId = order(customerId);

        assertEquals(Charge.Status.SUCCEEDED, awaitSettled(orderId).status);
        assertEquals(SandboxGateway.FLAKY_FAILURES + 1,
                Fixture.count("select attempts from sandbox_gateway_charge where idempotency_key = ?1", orderId.toString()),
                "two temporary failures, then the charge on the third call");
        assertEquals(orderId.toString(), Fixture.awaitOne(customerId, "PaymentSucceeded").getString("orderId"));
    }

    @Test
    void shouldChargeARedeliveredOrderOnlyOnce() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = UUID.randomUUID();
        String request = Events.licenseUpdateRequested(UUID.randomUUID(), orderId, customerId, PARTNER, "50.00", "1.50", "51.50");

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), request);
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), request); // Kafka redelivers
        // subscription-service publishes the same order again (a new event id, e.g. after its own restart)
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(),
                Events.licenseUpdateRequested(UUID.randomUUID(), orderId, customerId, PARTNER, "50.00", "1.50", "51.50"));
        UUID marker = order(customerId); // consumed after the three above: same key, same partition

        awaitSettled(marker);
        assertEquals(Charge.Status.SUCCEEDED, awaitSettled(orderId).status);
        assertEquals(1, Fixture.count("select count(*) from charge where order_id = ?1", orderId));
        assertEquals(1, Fixture.count("select count(*) from sandbox_gateway_charge where idempotency_key = ?1", orderId.toString()));
        assertEquals(1, Fixture.count("select count(*) from invoice where order_id = ?1", orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixture.published(customerId, "PaymentSucceeded").size() == 2);
        assertEquals(1, Fixture.published(customerId, "PaymentSucceeded").stream()
                .filter(event -> orderId.toString().equals(event.getString("orderId"))).count());
    }

    @Test
    void shouldFinishACrashedAttemptWithTheSameKeyAndNotChargeTwice() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        String token = Fixture.card(customerId).gatewayToken;
        UUID orderId = UUID.randomUUID();
        // The process died after the gateway charged the card and before the outcome was written:
        // the attempt is recorded as CHARGING (long ago) and the gateway has the charge under the order id.
        QuarkusTransaction.requiringNew().run(() -> {
            Money total = Money.of(new BigDecimal("51.50"), "USD");
            Charge charge = Charge.pending(Charge.Kind.ORDER, customerId, PARTNER, orderId, List.of(), total,
                    Money.zero("USD"), total, Instant.now());
            charge.orderId = orderId;
            charge.gatewayKey = charge.attemptKey = orderId.toString();
            charge.status = Charge.Status.CHARGING;
            charge.attempts = 1;
            charge.attemptedAt = Instant.now().minus(Duration.ofMinutes(10));
            charge.cardToken = token;
            charge.payer = Card.Payer.PARTNER;
            charge.payerId = PARTNER;
            charge.persist();
        });
        String firstCharge = gateway.charge(token, Money.of(new BigDecimal("51.50"), "USD"), orderId.toString()).gatewayChargeId();

        Charge charge = awaitSettled(orderId); // the worker's poll finds the stale attempt

        assertEquals(Charge.Status.SUCCEEDED, charge.status);
        assertEquals(firstCharge, charge.gatewayChargeId, "the gateway answered the first charge again");
        assertEquals(1, Fixture.count("select count(*) from sandbox_gateway_charge where token = ?1", token));
        assertEquals(orderId.toString(), Fixture.awaitOne(customerId, "PaymentSucceeded").getString("orderId"));
    }

    static BigDecimal gatewayAmount(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (BigDecimal) Charge.getEntityManager()
                .createNativeQuery("select amount from sandbox_gateway_charge where idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }

    @Test
    void shouldResolveATimedOutChargeByAskingAgainWithTheSameKey() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000 0000 0000 0077"); // takes the money, then answers nothing for a while

        UUID orderId = order(customerId);

        Charge charge = awaitSettled(orderId);
        assertEquals(Charge.Status.SUCCEEDED, charge.status, "the time-out was not taken for a decline");
        assertTrue(charge.unanswered >= 1, "the first call ended without an answer");
        assertEquals(1, charge.attempts, "asked again as the same attempt");
        assertEquals(1, Fixture.count("select count(*) from sandbox_gateway_charge where token = ?1", Fixture.card(customerId).gatewayToken),
                "one charge at the gateway, found again by its key");
        assertEquals(charge.gatewayChargeId, QuarkusTransaction.requiringNew().call(() -> Charge.getEntityManager()
                .createNativeQuery("select gateway_charge_id from sandbox_gateway_charge where idempotency_key = ?1")
                .setParameter(1, orderId.toString()).getSingleResult()));
        assertEquals(orderId.toString(), Fixture.awaitOne(customerId, "PaymentSucceeded").getString("orderId"));
        assertTrue(Fixture.published(customerId, "PaymentFailed").isEmpty());
    }

    @Test
    void shouldNotFailAnOrderWhileTheGatewayGivesNoAnswer() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4000000000000044"); // never answers

        UUID orderId = order(customerId);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Charge asked = Fixture.charge(orderId);
            return asked != null && asked.unanswered >= 2;
        });
        Charge charge = Fixture.charge(orderId);
        assertTrue(charge.status == Charge.Status.UNKNOWN || charge.status == Charge.Status.CHARGING, charge.status.name());
        assertEquals(1, charge.attempts, "still the first attempt, asked again with its key");
        assertTrue(Fixture.published(customerId, "PaymentFailed").isEmpty(), "no answer is not a decline: the order is not failed");
        // stop the worker asking this gateway, which never answers, for the rest of the run
        QuarkusTransaction.requiringNew().run(() -> Charge.getEntityManager()
                .createNativeQuery("update charge set status = 'FAILED', failure_reason = 'TEST_STOPPED' where id = ?1")
                .setParameter(1, charge.id).executeUpdate());
    }

    @Test
    void shouldNeverTurnASucceededChargeIntoAFailedOne() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = order(customerId);
        Charge charge = awaitSettled(orderId);

        charges.fail(charge.id, Charges.Reason.GATEWAY_UNAVAILABLE, "a late time-out of a second worker");

        assertEquals(Charge.Status.SUCCEEDED, Fixture.charge(orderId).status);
        Fixture.awaitOne(customerId, "PaymentSucceeded");
        assertTrue(Fixture.published(customerId, "PaymentFailed").isEmpty());
    }

    @Test
    void shouldAnswerAnOrderWithNothingToChargeWithoutTheGateway() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = UUID.randomUUID();

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.addOnOnlyOrder(orderId, customerId, PARTNER, "0.00"));

        JsonPath paid = Fixture.awaitOne(customerId, "PaymentSucceeded");
        assertEquals(orderId.toString(), paid.getString("orderId"));
        assertEquals(null, paid.getString("chargeId"));
        assertEquals(null, paid.getString("invoiceId"));
        assertEquals("0.00", paid.getString("amount.amount"));
        assertEquals(java.util.Set.of("amount", "currency"), paid.getMap("amount").keySet());
        assertEquals(Charge.Status.SUCCEEDED, Fixture.charge(orderId).status);
        assertEquals(0, Fixture.count("select count(*) from sandbox_gateway_charge where idempotency_key like ?1", orderId + "%"), "no gateway call");
        assertEquals(0, Fixture.count("select count(*) from invoice where customer_id = ?1", customerId), "no invoice for nothing");
        assertTrue(Events.DEAD_LETTERS.recordsWithKey(customerId.toString()).isEmpty());
    }

    @Test
    void shouldFailAnOrderWithNothingToChargeWhenNoCardIsOnFile() {
        UUID customerId = Fixture.customerOf(PARTNER);
        UUID orderId = UUID.randomUUID();

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.addOnOnlyOrder(orderId, customerId, PARTNER, "0.00"));

        JsonPath failed = Fixture.awaitOne(customerId, "PaymentFailed");
        assertEquals(orderId.toString(), failed.getString("orderId"));
        assertEquals("NO_CARD", failed.getString("reason"));
        assertTrue(failed.getString("message").contains("Change Card"), failed.getString("message"));
        assertTrue(Events.DEAD_LETTERS.recordsWithKey(customerId.toString()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"-1.00", "10.005"})
    void shouldDeadLetterAnOrderWhoseTotalCannotBeCharged(String total) {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = UUID.randomUUID();

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.addOnOnlyOrder(orderId, customerId, PARTNER, total));

        await().atMost(Duration.ofSeconds(30)).until(() -> !Events.DEAD_LETTERS.recordsWithKey(customerId.toString()).isEmpty());
        assertEquals(null, Fixture.charge(orderId));
        assertTrue(Fixture.published(customerId, "PaymentSucceeded").isEmpty());
    }

    @Test
    void shouldRefuseAFractionOfACentAtTheGateway() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        String token = Fixture.card(customerId).gatewayToken;

        assertThrows(IllegalArgumentException.class, () -> gateway.charge(token, Money.of(new BigDecimal("0.0915"), "USD"), "key-" + customerId));

        assertEquals(0, Fixture.count("select count(*) from sandbox_gateway_charge where token = ?1", token));
    }

    @Test
    void shouldRefundWhateverTheReason() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = order(customerId);
        awaitSettled(orderId);

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.refundRequested(orderId, customerId, PARTNER, "AMOUNT_MISMATCH"));

        JsonPath refunded = Fixture.awaitOne(customerId, "PaymentRefunded");
        assertEquals(orderId.toString(), refunded.getString("orderId"));
        assertEquals("51.50", refunded.getString("amount.amount"));
        assertEquals(Charge.Status.REFUNDED, Fixture.charge(orderId).status);
    }

    @Test
    void shouldRefundAPaymentForAnOrderThatTimedOut() {
        UUID customerId = Fixture.customerOf(PARTNER);
        Fixture.putCard(PARTNER, customerId, "4242424242424242");
        UUID orderId = order(customerId);
        Charge charge = awaitSettled(orderId);

        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.refundRequested(orderId, customerId, PARTNER));

        JsonPath refunded = Fixture.awaitOne(customerId, "PaymentRefunded");
        assertEquals(orderId.toString(), refunded.getString("orderId"));
        assertEquals(charge.id.toString(), refunded.getString("chargeId"));
        assertEquals("51.50", refunded.getString("amount.amount"));
        assertEquals(Charge.Status.REFUNDED, Fixture.charge(orderId).status);
        assertEquals(1, Fixture.count("select count(*) from sandbox_gateway_charge where gateway_charge_id = ?1 and refunded_at is not null",
                charge.gatewayChargeId));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", charge.invoiceId)
                .then().statusCode(200).body("status", equalTo("REFUNDED"));
    }
}
