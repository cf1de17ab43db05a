package io.imcredits.credits;

import static io.imcredits.credits.Fixture.PATIENCE;
import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.balance;
import static io.imcredits.credits.Fixture.close;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.hold;
import static io.imcredits.credits.Fixture.ledgerSum;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The hold life cycle, against the real database and broker: placed, posted (settle), voided (release) and timed out. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class HoldsTest {

    static final UUID PARTNER = UUID.randomUUID();

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldSettleAndReleaseHolds() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String desk = Tokens.desk(customerId);

        String settled = hold(desk, customerId, "wamid.h1", "IN", "MARKETING").statusCode(201)
                .header("Location", containsString("/credits/holds/"))
                .body("amount.amount", equalTo("0.0107"), "status", equalTo("OPEN")).extract().path("id");
        hold(desk, customerId, "wamid.h1", "IN", "MARKETING").statusCode(201).body("id", equalTo(settled)); // same message, same hold
        balance(customerId).body("available.amount", equalTo("0.9893"), "held.amount", equalTo("0.0107"));

        close(desk, customerId, settled, "settle", "{}").statusCode(200).body("status", equalTo("SETTLED"), "spent.amount", equalTo("0.0107"));
        close(desk, customerId, settled, "settle", "{}").statusCode(200).body("status", equalTo("SETTLED")); // a retried webhook
        balance(customerId).body("available.amount", equalTo("0.9893"), "held.amount", equalTo("0.00"));

        String released = hold(desk, customerId, "wamid.h2", "IN", "MARKETING").statusCode(201).extract().path("id");
        close(desk, customerId, released, "release", "").statusCode(200).body("status", equalTo("RELEASED"));
        close(desk, customerId, released, "settle", "{}").statusCode(409).body("detail", containsString("already released"));
        balance(customerId).body("available.amount", equalTo("0.9893"), "held.amount", equalTo("0.00"));

        String free = hold(desk, customerId, "wamid.h3", "IN", "MARKETING").statusCode(201).extract().path("id");
        close(desk, customerId, free, "settle", """
                {"pricingType": "FREE_ENTRY_POINT"}""").statusCode(200).body("status", equalTo("SETTLED"), "spent.amount", equalTo("0.00"));
        balance(customerId).body("available.amount", equalTo("0.9893"), "held.amount", equalTo("0.00"));

        assertEquals(available(customerId), ledgerSum(customerId));

        UUID poor = customer(PARTNER);
        grant(poor, PARTNER, "0.01");
        hold(Tokens.desk(poor), poor, "wamid.h4", "BR", "MARKETING").statusCode(402).body("price.amount", equalTo("0.0625"));
        balance(poor).body("available.amount", equalTo("0.01"), "held.amount", equalTo("0.00"));
    }

    @Test
    void shouldReleaseHoldsNobodySettledInTime() {
        UUID customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String id = hold(Tokens.desk(customerId), customerId, "wamid.late", "IN", "MARKETING").statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> Hold.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), UUID.fromString(id)));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Hold.<Hold>findById(UUID.fromString(id)).status) == Hold.Status.EXPIRED);
        balance(customerId).body("available.amount", equalTo("1.00"), "held.amount", equalTo("0.00"));
        close(Tokens.desk(customerId), customerId, id, "settle", "{}").statusCode(409).body("detail", containsString("expired"));
        assertEquals(available(customerId), ledgerSum(customerId));
    }

    @Test
    void shouldReleaseTheOtherExpiredHoldsWhenOneCannotBeReleased() {
        UUID broken = customer(PARTNER), customerId = customer(PARTNER);
        grant(customerId, PARTNER, "1.00");
        String id = hold(Tokens.desk(customerId), customerId, "wamid.after-bad", "IN", "MARKETING").statusCode(201).extract().path("id");
        // an open hold the sweep cannot release (it sets aside more than its account holds), due before the good one
        UUID bad = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> Hold.getEntityManager().createNativeQuery("""
                insert into credit_hold (id, customer_id, message_id, amount, currency, status, expires_at, created_at)
                values (?1, ?2, 'wamid.bad', 5, 'USD', 'OPEN', now() - interval '1 hour', now())""")
                .setParameter(1, bad).setParameter(2, broken).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> Hold.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), UUID.fromString(id)));
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> QuarkusTransaction.requiringNew().call(() -> Hold.<Hold>findById(UUID.fromString(id)).status) == Hold.Status.EXPIRED);
            balance(customerId).body("available.amount", equalTo("1.00"), "held.amount", equalTo("0.00"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Hold.update("status = ?1 where id = ?2", Hold.Status.RELEASED, bad));
        }
    }
}
