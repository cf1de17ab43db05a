package io.imcredits.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** A payment is compared with an order's total by Money.sameAs. */
class MoneyTest {

    static final Money TOTAL = Money.of(new BigDecimal("51.50"), "USD");

    @Test
    void shouldTreatTheSameAmountAtAnotherScaleAsTheSame() {
        assertTrue(TOTAL.sameAs(new Money(new BigDecimal("51.5"), "USD")));
        assertTrue(TOTAL.sameAs(new Money(new BigDecimal("51.5000"), "USD")));
        assertTrue(Money.zero("USD").sameAs(new Money(new BigDecimal("0.00"), "USD")));
    }

    @Test
    void shouldTellAnotherAmountOrCurrencyOrNoneApart() {
        assertFalse(TOTAL.sameAs(new Money(new BigDecimal("51.49"), "USD")));
        assertFalse(TOTAL.sameAs(new Money(new BigDecimal("51.5001"), "USD")));
        assertFalse(TOTAL.sameAs(new Money(new BigDecimal("51.50"), "EUR")));
        assertFalse(TOTAL.sameAs(null));
    }
}
