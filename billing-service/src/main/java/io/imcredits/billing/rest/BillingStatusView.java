package io.imcredits.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.billing.Charge;
import io.imcredits.billing.Money;
import io.imcredits.billing.Standing;

/**
 * OK, or PAST_DUE with the charges that failed, why, and when the next attempt is; and the post-paid usage
 * not billed yet (count 0 and no amount when there is none).
 */
public record BillingStatusView(UUID customerId, String status, List<PastDue> pastDue, UnbilledUsage unbilledUsage) {

    public record UnbilledUsage(long count, Money amount) {}

    public record PastDue(UUID chargeId, Money amount, String reason, String message, int attempts, Instant nextAttemptAt) {}

    static BillingStatusView of(UUID customerId, Standing.Status standing) {
        List<Charge> charges = standing.pastDue();
        // a customer's usage is in its account's one currency; the first is shown should there ever be more
        UnbilledUsage unbilled = standing.unbilled().stream().findFirst()
                .map(u -> new UnbilledUsage(u.count(), u.amount())).orElse(new UnbilledUsage(0, null));
        return new BillingStatusView(customerId, charges.isEmpty() ? "OK" : "PAST_DUE", charges.stream()
                .map(c -> new PastDue(c.id, c.totalMoney(), c.failureReason, c.failureMessage, c.attempts,
                        c.status == Charge.Status.FAILED ? null : c.nextAttemptAt))
                .toList(), unbilled);
    }
}
