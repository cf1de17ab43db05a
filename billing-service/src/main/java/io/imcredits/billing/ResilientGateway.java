package io.imcredits.billing;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.imcredits.billing.PaymentGateway.ChargeResult;
import io.imcredits.billing.PaymentGateway.GatewayUnavailable;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway calls with their time limits: each call times out, temporary failures and timeouts
 * are retried with exponential backoff (safe: the idempotency key stays the same), and the whole
 * thing gives up after a bounded time. Declines are answers and are never retried.
 * The numbers are overridable, e.g. quarkus.fault-tolerance."io.imcredits.billing.ResilientGateway/charge".retry.max-duration.
 */
@ApplicationScoped
public class ResilientGateway {

    private final PaymentGateway gateway;

    ResilientGateway(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    // Short: a charge still without an answer is not failed but asked again later with the same key (Charges.unanswered).
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(retryOn = {GatewayUnavailable.class, TimeoutException.class}, maxRetries = 2, delay = 500, jitter = 200,
            maxDuration = 30, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public ChargeResult charge(String token, Money amount, String idempotencyKey) {
        return gateway.charge(token, amount.requireWholeMinorUnits(), idempotencyKey);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(retryOn = {GatewayUnavailable.class, TimeoutException.class}, maxRetries = 6, delay = 500, jitter = 200,
            maxDuration = 60, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void refund(String gatewayChargeId, Money amount) {
        gateway.refund(gatewayChargeId, amount.requireWholeMinorUnits());
    }

    private static final String CHARGE = "quarkus.fault-tolerance.\"io.imcredits.billing.ResilientGateway/charge\".";

    /**
     * The longest one charge call can take with its retries: timeout × max-retries + max-duration, from the
     * annotations above unless configured. A CHARGING attempt younger than this may still be live.
     */
    static Duration chargeRetryBudget(Config config) {
        Method charge;
        try {
            charge = ResilientGateway.class.getMethod("charge", String.class, Money.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        Timeout timeout = charge.getAnnotation(Timeout.class);
        Retry retry = charge.getAnnotation(Retry.class);
        Duration attempt = Duration.of(config.getOptionalValue(CHARGE + "timeout.value", Long.class).orElse(timeout.value()),
                unit(config, CHARGE + "timeout.unit", timeout.unit()));
        long retries = config.getOptionalValue(CHARGE + "retry.max-retries", Long.class).orElse((long) retry.maxRetries());
        Duration maxDuration = Duration.of(config.getOptionalValue(CHARGE + "retry.max-duration", Long.class).orElse(retry.maxDuration()),
                unit(config, CHARGE + "retry.max-duration-unit", retry.durationUnit()));
        return attempt.multipliedBy(Math.max(0, retries)).plus(maxDuration);
    }

    /** billing.charge-stale-after must exceed the charge's retry budget; checked at start-up. */
    static void requireLongerThanRetryBudget(Duration staleAfter, Config config) {
        Duration budget = chargeRetryBudget(config);
        if (staleAfter.compareTo(budget) <= 0) {
            throw new IllegalStateException("billing.charge-stale-after (" + staleAfter + ") must be longer than the gateway's retry budget ("
                    + budget + " = timeout × max-retries + max-duration of " + CHARGE + "*): otherwise a charge still being "
                    + "attempted could be claimed a second time. Raise billing.charge-stale-after or shorten the retries.");
        }
    }

    private static ChronoUnit unit(Config config, String key, ChronoUnit fallback) {
        return config.getOptionalValue(key, String.class).map(unit -> ChronoUnit.valueOf(unit.trim().toUpperCase())).orElse(fallback);
    }
}
