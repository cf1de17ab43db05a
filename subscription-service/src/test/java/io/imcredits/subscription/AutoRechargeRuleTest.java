package io.imcredits.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The auto-recharge rule alone: standing, the monthly caps, the daily retry limit and failures in a row. */
class AutoRechargeRuleTest {

    static final Money TOTAL = Money.of("206.00", "USD");

    static AutoRecharges.Usage usage(int recharges, String amount) {
        return new AutoRecharges.Usage(YearMonth.of(2026, 11), recharges, Money.of(amount, "USD"));
    }

    static Optional<String> skip(Subscription.Status standing, Integer maxRecharges, String maxAmount, AutoRecharges.Usage usage, Long today) {
        return AutoRecharges.skipReason(standing, maxRecharges, maxAmount == null ? null : Money.of(maxAmount, "USD"), usage, TOTAL, today);
    }

    @Test
    void shouldRechargeWhileUnderBothCaps() {
        assertEquals(Optional.empty(), skip(Subscription.Status.ACTIVE, 3, "1000.00", usage(2, "412.00"), null));
        assertEquals(Optional.empty(), skip(Subscription.Status.ACTIVE, null, "618.00", usage(2, "412.00"), null), "exactly at the cap is within it");
    }

    @Test
    void shouldSkipAtTheCountCap() {
        assertEquals(Optional.of(AutoRecharges.MONTHLY_CAP_REACHED), skip(Subscription.Status.ACTIVE, 2, null, usage(2, "412.00"), null));
        assertEquals(Optional.of(AutoRecharges.MONTHLY_CAP_REACHED), skip(Subscription.Status.ACTIVE, 1, "5000.00", usage(1, "206.00"), null));
    }

    @Test
    void shouldSkipWhenThisOrderWouldPassTheAmountCap() {
        assertEquals(Optional.of(AutoRecharges.MONTHLY_CAP_REACHED), skip(Subscription.Status.ACTIVE, null, "617.99", usage(2, "412.00"), null));
        assertEquals(Optional.of(AutoRecharges.MONTHLY_CAP_REACHED), skip(Subscription.Status.ACTIVE, 100, "100.00", usage(0, "0.00"), null),
                "one order over the cap is never made");
    }

    @Test
    void shouldSkipASubscriptionThatIsNotActiveFirst() {
        for (Subscription.Status standing : new Subscription.Status[]{Subscription.Status.PAST_DUE, Subscription.Status.SUSPENDED,
                Subscription.Status.CANCELLED}) {
            assertEquals(Optional.of(AutoRecharges.SUBSCRIPTION_NOT_ACTIVE), skip(standing, 1, null, usage(5, "0.00"), 10L));
        }
    }

    @Test
    void shouldLimitRetriesToThreeAttemptsADayAfterTheCaps() {
        assertEquals(Optional.empty(), skip(Subscription.Status.ACTIVE, 10, null, usage(1, "206.00"), 2L));
        assertEquals(Optional.of(AutoRecharges.RETRY_LIMIT_REACHED), skip(Subscription.Status.ACTIVE, 10, null, usage(1, "206.00"), 3L));
        assertEquals(Optional.of(AutoRecharges.MONTHLY_CAP_REACHED), skip(Subscription.Status.ACTIVE, 1, null, usage(1, "206.00"), 3L));
        assertEquals(Optional.empty(), skip(Subscription.Status.ACTIVE, 10, null, usage(1, "206.00"), null), "a first order is not a retry");
    }

    @Test
    void shouldDisableAtTheThirdFailureInARow() {
        assertFalse(AutoRecharges.disables(1));
        assertFalse(AutoRecharges.disables(2));
        assertTrue(AutoRecharges.disables(3));
    }
}
