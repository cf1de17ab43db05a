package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.imcredits.billing.PaymentGateway.Outcome;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A gateway that behaves like the well-known public test cards (see the README). It keeps its own
 * records (sandbox_gateway_card, sandbox_gateway_charge) in transactions of its own, as a remote
 * gateway would: our rollback does not undo a charge, and a repeated idempotency key returns the
 * first answer, across restarts too.
 */
@ApplicationScoped
public class SandboxGateway implements PaymentGateway {

    enum Behaviour {
        SUCCEED, DECLINE, INSUFFICIENT_FUNDS, EXPIRED_CARD, FLAKY, HANG, CHARGE_THEN_HANG
    }

    static final Map<String, Behaviour> TEST_CARDS = Map.of(
            "4000000000000002", Behaviour.DECLINE,
            "4000000000009995", Behaviour.INSUFFICIENT_FUNDS,
            "4000000000000069", Behaviour.EXPIRED_CARD,
            "4000000000000119", Behaviour.FLAKY,
            "4000000000000044", Behaviour.HANG,
            "4000000000000077", Behaviour.CHARGE_THEN_HANG);

    /** A FLAKY card fails this many times per idempotency key, then succeeds. */
    static final int FLAKY_FAILURES = 2;

    private final EntityManager em;
    private final Duration hang;
    private final Clock clock;

    SandboxGateway(EntityManager em, @ConfigProperty(name = "sandbox-gateway.hang", defaultValue = "60s") Duration hang, Clock clock) {
        this.em = em;
        this.clock = clock;
        this.hang = hang;
    }

    @Override
    public String tokenize(CardNumber number, int expMonth, int expYear, String cvc, String holderName) {
        String token = "tok_sandbox_" + UUID.randomUUID().toString().replace("-", "");
        Behaviour behaviour = TEST_CARDS.getOrDefault(number.digits(), Behaviour.SUCCEED);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into sandbox_gateway_card (token, behaviour, last4, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, token).setParameter(2, behaviour.name()).setParameter(3, number.last4())
                .setParameter(4, Instant.now(clock)).executeUpdate());
        return token;
    }

    /**
     * A CHARGE_THEN_HANG card is charged on the first call; then no call for that key is answered until
     * sandbox-gateway.hang has passed since it: the outcome stays unknown until the caller asks again later.
     */
    @Override
    public ChargeResult charge(String token, Money amount, String idempotencyKey) {
        if (!amount.inWholeMinorUnits()) { // as a real gateway: amounts are integers of the minor unit
            throw new IllegalArgumentException("The sandbox gateway takes whole minor units only, not " + amount);
        }
        Behaviour behaviour = QuarkusTransaction.requiringNew().call(() -> behaviourOf(token));
        if (behaviour == Behaviour.HANG) {
            sleep(); // the gateway never answers: the caller's timeout ends the wait
            throw new GatewayUnavailable("The sandbox gateway did not answer");
        }
        ChargeResult result = QuarkusTransaction.requiringNew().call(() -> chargeOnce(token, behaviour, amount, idempotencyKey));
        if (result == null) throw new GatewayUnavailable("The sandbox gateway is temporarily unavailable; try again");
        if (behaviour == Behaviour.CHARGE_THEN_HANG && Instant.now(clock).isBefore(firstCalledAt(idempotencyKey).plus(hang))) {
            sleep(); // the money is taken, the answer does not come back
            throw new GatewayUnavailable("The sandbox gateway did not answer");
        }
        return result;
    }

    /** The cards that decline a charge decline this too; one that never answers a charge does not answer this either. */
    @Override
    public ChargeResult authorize(String token) {
        Behaviour behaviour = QuarkusTransaction.requiringNew().call(() -> behaviourOf(token));
        if (behaviour == Behaviour.HANG) throw new GatewayUnavailable("The sandbox gateway did not answer");
        Outcome outcome = switch (behaviour) {
            case DECLINE -> Outcome.DECLINED;
            case INSUFFICIENT_FUNDS -> Outcome.INSUFFICIENT_FUNDS;
            case EXPIRED_CARD -> Outcome.EXPIRED_CARD;
            default -> Outcome.SUCCEEDED;
        };
        return result(outcome, null, null);
    }

    /** The answer for this key, or null for a temporary failure (its attempt is remembered: committed). */
    private ChargeResult chargeOnce(String token, Behaviour behaviour, Money amount, String key) {
        em.createNativeQuery("""
                insert into sandbox_gateway_charge (idempotency_key, token, amount, currency, attempts, created_at)
                values (?1, ?2, ?3, ?4, 0, ?5) on conflict do nothing""")
                .setParameter(1, key).setParameter(2, token).setParameter(3, amount.amount())
                .setParameter(4, amount.currency()).setParameter(5, Instant.now(clock)).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("""
                select outcome, gateway_charge_id, attempts, amount, currency
                from sandbox_gateway_charge where idempotency_key = ?1 for update""")
                .setParameter(1, key).getSingleResult();
        Money firstAmount = Money.of((BigDecimal) row[3], (String) row[4]); // a repeated key answers what it first charged
        if (row[0] != null) {
            Log.infof("Sandbox gateway: idempotency key %s seen before, answering %s again", key, row[0]);
            return result(Outcome.valueOf((String) row[0]), (String) row[1], firstAmount);
        }
        int attempts = ((Number) row[2]).intValue() + 1;
        if (behaviour == Behaviour.FLAKY && attempts <= FLAKY_FAILURES) {
            em.createNativeQuery("update sandbox_gateway_charge set attempts = ?2 where idempotency_key = ?1")
                    .setParameter(1, key).setParameter(2, attempts).executeUpdate();
            return null;
        }
        Outcome outcome = switch (behaviour) {
            case DECLINE -> Outcome.DECLINED;
            case INSUFFICIENT_FUNDS -> Outcome.INSUFFICIENT_FUNDS;
            case EXPIRED_CARD -> Outcome.EXPIRED_CARD;
            default -> Outcome.SUCCEEDED;
        };
        String chargeId = outcome == Outcome.SUCCEEDED ? "ch_sandbox_" + UUID.randomUUID().toString().replace("-", "") : null;
        em.createNativeQuery("update sandbox_gateway_charge set outcome = ?2, gateway_charge_id = ?3, attempts = ?4 where idempotency_key = ?1")
                .setParameter(1, key).setParameter(2, outcome.name()).setParameter(3, chargeId).setParameter(4, attempts)
                .executeUpdate();
        return result(outcome, chargeId, firstAmount);
    }

    private Instant firstCalledAt(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (Instant) em.createNativeQuery(
                "select created_at from sandbox_gateway_charge where idempotency_key = ?1", Instant.class).setParameter(1, key).getSingleResult());
    }

    private Behaviour behaviourOf(String token) {
        Object[] card = (Object[]) em.createNativeQuery("select behaviour, detached_at from sandbox_gateway_card where token = ?1")
                .setParameter(1, token).getResultStream().findFirst().orElse(null);
        if (card == null || card[1] != null) return Behaviour.DECLINE; // unknown or detached card
        return Behaviour.valueOf((String) card[0]);
    }

    private static ChargeResult result(Outcome outcome, String chargeId, Money amount) {
        String message = switch (outcome) {
            case SUCCEEDED -> "Charged";
            case DECLINED -> "The card was declined by its issuer; use another card";
            case INSUFFICIENT_FUNDS -> "The card has insufficient funds; top it up or use another card";
            case EXPIRED_CARD -> "The card has expired; put a current card on file with Change Card";
        };
        return new ChargeResult(outcome, chargeId, outcome == Outcome.SUCCEEDED ? amount : null, message);
    }

    @Override
    public void refund(String gatewayChargeId, Money amount) {
        if (!amount.inWholeMinorUnits()) {
            throw new IllegalArgumentException("The sandbox gateway takes whole minor units only, not " + amount);
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update sandbox_gateway_charge set refunded_at = coalesce(refunded_at, ?2) where gateway_charge_id = ?1")
                .setParameter(1, gatewayChargeId).setParameter(2, Instant.now(clock)).executeUpdate());
    }

    @Override
    public void detach(String token) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update sandbox_gateway_card set detached_at = coalesce(detached_at, ?2) where token = ?1")
                .setParameter(1, token).setParameter(2, Instant.now(clock)).executeUpdate());
    }

    private void sleep() {
        try {
            Thread.sleep(hang.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
