package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class LedgerArithmeticTest {

    static BalanceChange change(String before, String after, String threshold) {
        return new BalanceChange(new BigDecimal(before), new BigDecimal(after), new BigDecimal(threshold));
    }

    @Test
    void spendsExactlyWithFourDecimals() {
        Money balance = Money.of("4.0000", "USD").minus(Money.of("0.0125", "USD"));
        assertEquals(Money.of("3.9875", "USD"), balance);
        assertEquals("3.9875", balance.amount().toPlainString());
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 320; i++) sum = sum.add(new BigDecimal("0.0125"));
        assertEquals(0, sum.compareTo(new BigDecimal("4")), "320 debits of 0.0125 are exactly 4, no drift");
    }

    @Test
    void refusesAFifthDecimalAndMixedCurrencies() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.00001", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "USD").plus(Money.of("1", "EUR")));
        assertEquals(Money.of("51.5", "USD"), Money.of("51.50", "USD"), "the same amount whatever its scale");
    }

    @Test
    void crossesTheLowThresholdOnlyOnTheWayDown() {
        assertTrue(change("5.0000", "4.9000", "5.0000").crossedLow(), "from at the threshold to below it");
        assertTrue(change("6.0000", "1.0000", "5.0000").crossedLow());
        assertFalse(change("4.9000", "4.8000", "5.0000").crossedLow(), "already below: no second alert");
        assertFalse(change("6.0000", "5.0000", "5.0000").crossedLow(), "at the threshold is not below it");
        assertFalse(change("4.0000", "9.0000", "5.0000").crossedLow(), "a grant lifts, never alerts");
        assertFalse(change("1.0000", "0.5000", "0.0000").crossedLow(), "no threshold, no low alert");
    }

    @Test
    void isExhaustedOnceWhenTheBalanceReachesZero() {
        assertTrue(change("0.0125", "0.0000", "1.0000").exhausted());
        assertTrue(change("0.0100", "-0.0025", "0").exhausted(), "into post-paid overage");
        assertFalse(change("0.0000", "-0.0125", "0").exhausted(), "already exhausted");
        assertFalse(change("1.0000", "0.9875", "0").exhausted());
    }

    @Test
    void statusFollowsTheBalanceAndTheThreshold() {
        assertEquals(BalanceChange.Status.OK, BalanceChange.status(new BigDecimal("10"), new BigDecimal("5")));
        assertEquals(BalanceChange.Status.OK, BalanceChange.status(new BigDecimal("5"), new BigDecimal("5")));
        assertEquals(BalanceChange.Status.LOW, BalanceChange.status(new BigDecimal("4.9999"), new BigDecimal("5")));
        assertEquals(BalanceChange.Status.EXHAUSTED, BalanceChange.status(new BigDecimal("0"), new BigDecimal("5")));
        assertEquals(BalanceChange.Status.EXHAUSTED, BalanceChange.status(new BigDecimal("-2"), new BigDecimal("0")));
    }
}
