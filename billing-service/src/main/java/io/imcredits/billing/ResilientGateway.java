package io.imcredits.billing;

import java.time.temporal.ChronoUnit;

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

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(retryOn = {GatewayUnavailable.class, TimeoutException.class}, maxRetries = 6, delay = 500, jitter = 200,
            maxDuration = 60, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public ChargeResult charge(String token, Money amount, String idempotencyKey) {
        return gateway.charge(token, amount, idempotencyKey);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(retryOn = {GatewayUnavailable.class, TimeoutException.class}, maxRetries = 6, delay = 500, jitter = 200,
            maxDuration = 60, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void refund(String gatewayChargeId, Money amount) {
        gateway.refund(gatewayChargeId, amount);
    }
}
