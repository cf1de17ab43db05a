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

    /**
     * This change took the balance from at or above the line to below it: the auto-recharge crossing. A null line
     * (auto-recharge off) is never crossed. Re-arming needs no state: a later change can only cross again if the
     * balance was back at or above the line before it (a credit lifted it there, or a new setting lowered the line).
     */
    public boolean crossed(BigDecimal line) {
        return line != null && before.compareTo(line) >= 0 && after.compareTo(line) < 0;
    }

    /**
     * A settings change (auto-recharge enabled, or its threshold raised) counts as a crossing at once when it puts the
     * balance below the line and the balance was not already below the line in force (then that crossing was told, and
     * only a credit back to the line re-arms it). A null line is off: disabling never crosses.
     */
    public static boolean crossedBySettings(BigDecimal available, BigDecimal previousLine, BigDecimal line) {
        boolean belowNow = line != null && available.compareTo(line) < 0;
        boolean belowBefore = previousLine != null && available.compareTo(previousLine) < 0;
        return belowNow && !belowBefore;
    }

    /** This change used up the last of the prepaid balance. */
    public boolean exhausted() {
        return before.signum() > 0 && after.signum() <= 0;
    }
}
