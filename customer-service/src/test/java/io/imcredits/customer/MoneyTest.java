package io.imcredits.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void shouldWriteAtLeastTwoDecimals() {
        assertEquals("12.50", new Money(new BigDecimal("12.5"), "USD").amount().toString());
        assertEquals("100.00", new Money(new BigDecimal("100"), "USD").amount().toString());
        assertEquals("1000.00", new Money(new BigDecimal("1E+3"), "EUR").amount().toString());
    }

    @Test
    void shouldKeepFourDecimalsAndDropTrailingZeros() {
        assertEquals("0.0147", new Money(new BigDecimal("0.0147"), "USD").amount().toString());
        assertEquals("250000.00", new Money(new BigDecimal("250000.0000"), "GBP").amount().toString(),
                "numeric(19,4) read back from the database shows as entered");
    }

    @Test
    void shouldBeEqualWhateverTheScale() {
        assertEquals(new Money(new BigDecimal("5"), "INR"), new Money(new BigDecimal("5.0000"), "INR"));
    }

    @Test
    void shouldRefuseMoreThanFourDecimals() {
        assertThrows(IllegalArgumentException.class, () -> new Money(new BigDecimal("0.00001"), "USD"));
    }

    @Test
    void shouldRefuseAnUnsupportedCurrency() {
        assertThrows(IllegalArgumentException.class, () -> new Money(BigDecimal.ONE, "XYZ"));
        assertThrows(IllegalArgumentException.class, () -> new Money(BigDecimal.ONE, null));
    }
}
