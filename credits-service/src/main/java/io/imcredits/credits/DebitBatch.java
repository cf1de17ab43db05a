package io.imcredits.credits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule of a group commit: concurrent debits of one account, applied together in arrival order as
 * if one after the other. Each is checked against the balance its predecessors left (no overdraft,
 * debit by debit); a message id already in the ledger, or earlier in the same batch, answers its first
 * debit and spends nothing more. Pure arithmetic: the caller holds the account's row lock.
 *
 * Post-paid usage: the prepaid balance never goes below zero. A debit it cannot cover is split: the
 * balance pays what it has (so it is used up first) and the rest is post-paid usage, allowed while the
 * period's post-paid total stays within the allowance (overageLimit); beyond it the debit is refused whole.
 */
public final class DebitBatch {

    /** One debit to apply: its idempotency key and its price (positive). */
    public record Request(String key, BigDecimal price) {}

    public sealed interface Outcome permits Applied, Repeated, Refused {}

    /** Spent: the prepaid balance went from before to after, and postpaid (zero or more) went to post-paid usage. */
    public record Applied(BigDecimal before, BigDecimal after, BigDecimal postpaid) implements Outcome {

        /** What the prepaid balance paid. */
        public BigDecimal prepaid() {
            return before.subtract(after);
        }
    }

    /** Already spent by an earlier debit with the same key: its signed prepaid amount, its post-paid part and the balance after it. */
    public record Repeated(BigDecimal amount, BigDecimal postpaid, BigDecimal balanceAfter) implements Outcome {}

    /** Not enough credits: only this much was available when its turn came (and the allowance could not cover the rest). */
    public record Refused(BigDecimal available) implements Outcome {}

    /** The outcome of each request, in order, the balance after the whole batch and the post-paid usage it added. */
    public record Plan(List<Outcome> outcomes, BigDecimal after, BigDecimal postpaid) {

        /** What the batch takes off the balance: the sum of the applied debits' prepaid parts. */
        public BigDecimal delta(BigDecimal before) {
            return after.subtract(before);
        }
    }

    private DebitBatch() {}

    /**
     * @param available    the account's prepaid balance under its row lock (never negative)
     * @param overageLimit the post-paid allowance of a billing period (zero without the add-on)
     * @param postpaidUsed the post-paid usage already counted in the current period
     * @param inLedger     the first debit of each key already in the ledger
     */
    public static Plan plan(BigDecimal available, BigDecimal overageLimit, BigDecimal postpaidUsed, List<Request> requests,
            Map<String, Repeated> inLedger) {
        Map<String, Repeated> first = new HashMap<>(inLedger);
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        BigDecimal balance = available, used = postpaidUsed, added = BigDecimal.ZERO;
        for (Request request : requests) {
            Repeated earlier = first.get(request.key());
            BigDecimal prepaid = balance.min(request.price());
            BigDecimal postpaid = request.price().subtract(prepaid);
            if (earlier != null) {
                outcomes.add(earlier);
            } else if (postpaid.signum() == 0 || used.add(postpaid).compareTo(overageLimit) <= 0) {
                BigDecimal after = balance.subtract(prepaid);
                outcomes.add(new Applied(balance, after, postpaid));
                first.put(request.key(), new Repeated(prepaid.negate(), postpaid, after));
                balance = after;
                used = used.add(postpaid);
                added = added.add(postpaid);
            } else {
                outcomes.add(new Refused(balance));
            }
        }
        return new Plan(outcomes, balance, added);
    }
}
