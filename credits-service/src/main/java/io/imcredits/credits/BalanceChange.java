package io.imcredits.credits;

import java.math.BigDecimal;

/**
 * One change of an account's available balance, as the guarded UPDATE saw it. Writers of one account
 * are serialised by its row lock, so each change sees the one before it: exactly one change crosses the
 * threshold downward until something lifts the balance above it again (a grant re-arms the alerts).
 */
public record BalanceChange(BigDecimal before, BigDecimal after, BigDecimal threshold) {

    public enum Status {
        OK, LOW, EXHAUSTED
    }

    public static Status status(BigDecimal available, BigDecimal threshold) {
        if (available.signum() <= 0) return Status.EXHAUSTED;
        return available.compareTo(threshold) < 0 ? Status.LOW : Status.OK;
    }

    /** This change took the balance from at or above the low-balance threshold to below it. */
    public boolean crossedLow() {
        return threshold.signum() > 0 && before.compareTo(threshold) >= 0 && after.compareTo(threshold) < 0;
    }

    /** This change used up the last of the prepaid balance. */
    public boolean exhausted() {
        return before.signum() > 0 && after.signum() <= 0;
    }
}
