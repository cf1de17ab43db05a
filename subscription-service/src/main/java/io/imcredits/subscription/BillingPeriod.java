package io.imcredits.subscription;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One billing period, start inclusive and end exclusive (the end is the renewal date). */
public record BillingPeriod(LocalDate start, LocalDate end) {

    public enum Cycle {
        MONTHLY, YEARLY
    }

    /**
     * The period of a subscription started on {@code anchor} that contains {@code day}. Periods are
     * counted from the anchor (anchor + n months), so a subscription started on the 31st renews on the
     * last day of shorter months and returns to the 31st afterwards.
     */
    public static BillingPeriod containing(LocalDate anchor, Cycle cycle, LocalDate day) {
        if (day.isBefore(anchor)) return new BillingPeriod(anchor, step(anchor, cycle, 1));
        long n = cycle == Cycle.MONTHLY ? ChronoUnit.MONTHS.between(anchor, day) : ChronoUnit.YEARS.between(anchor, day);
        LocalDate start = step(anchor, cycle, n);
        if (start.isAfter(day)) start = step(anchor, cycle, --n);
        LocalDate end = step(anchor, cycle, n + 1);
        if (!end.isAfter(day)) {
            start = end;
            end = step(anchor, cycle, n + 2);
        }
        return new BillingPeriod(start, end);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    /** Days from {@code day} (counted, since the change applies today) to the end of the period. */
    public long daysLeftFrom(LocalDate day) {
        return ChronoUnit.DAYS.between(day, end);
    }

    private static LocalDate step(LocalDate anchor, Cycle cycle, long n) {
        return cycle == Cycle.MONTHLY ? anchor.plusMonths(n) : anchor.plusYears(n);
    }
}
