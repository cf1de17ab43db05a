package io.imcredits.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.billing.Charge;
import io.imcredits.billing.Money;

/** OK, or PAST_DUE with the charges that failed, why, and when the next attempt is. */
public record BillingStatusView(UUID customerId, String status, List<PastDue> pastDue) {

    public record PastDue(UUID chargeId, Money amount, String reason, String message, int attempts, Instant nextAttemptAt) {
    }

    static BillingStatusView of(UUID customerId, List<Charge> charges) {
        return new BillingStatusView(customerId, charges.isEmpty() ? "OK" : "PAST_DUE", charges.stream()
                .map(c -> new PastDue(c.id, c.totalMoney(), c.failureReason, c.failureMessage, c.attempts,
                        c.status == Charge.Status.FAILED ? null : c.nextAttemptAt))
                .toList());
    }
}
