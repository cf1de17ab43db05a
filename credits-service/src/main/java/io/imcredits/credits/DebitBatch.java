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
 */
public final class DebitBatch {

    /** One debit to apply: its idempotency key and its price (positive). */
    public record Request(String key, BigDecimal price) {
    }

    public sealed interface Outcome permits Applied, Repeated, Refused {
    }

    /** Spent: the balance went from before to after. */
    public record Applied(BigDecimal before, BigDecimal after) implements Outcome {
    }

    /** Already spent by an earlier debit with the same key: its signed amount and the balance after it. */
    public record Repeated(BigDecimal amount, BigDecimal balanceAfter) implements Outcome {
    }

    /** Not enough credits: only this much was available when its turn came. */
    public record Refused(BigDecimal available) implements Outcome {
    }

    /** The outcome of each request, in order, and the balance after the whole batch. */
    public record Plan(List<Outcome> outcomes, BigDecimal after) {

        /** What the batch takes off the balance: the sum of the applied debits. */
        public BigDecimal delta(BigDecimal before) {
            return after.subtract(before);
        }
    }

    private DebitBatch() {
    }

    /**
     * @param available    the account's balance under its row lock
     * @param overageLimit how far below zero a debit may go (the post-paid allowance; zero without one)
     * @param inLedger     the first debit of each key already in the ledger
     */
    public static Plan plan(BigDecimal available, BigDecimal overageLimit, List<Request> requests, Map<String, Repeated> inLedger) {
        BigDecimal floor = overageLimit.negate();
        Map<String, Repeated> first = new HashMap<>(inLedger);
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        BigDecimal balance = available;
        for (Request request : requests) {
            Repeated earlier = first.get(request.key());
            if (earlier != null) {
                outcomes.add(earlier);
            } else if (balance.subtract(request.price()).compareTo(floor) >= 0) {
                BigDecimal after = balance.subtract(request.price());
                outcomes.add(new Applied(balance, after));
                first.put(request.key(), new Repeated(request.price().negate(), after));
                balance = after;
            } else {
                outcomes.add(new Refused(balance));
            }
        }
        return new Plan(outcomes, balance);
    }
}
