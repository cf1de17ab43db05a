package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Money's one rule: up to four decimals inside the system, a fifth refused; rounded once, half up, to the
 * currency's minor unit where it leaves; written as at least the minor unit's digits.
 */
class MoneyTest {

    @ParameterizedTest
    @CsvSource({
            "0.0915, USD, 0.09",
            "0.605, USD, 0.61",
            "0.6049, USD, 0.60",
            "1.2397, EUR, 1.24",
            "51.50, USD, 51.50",
            "-0.005, USD, -0.01",
            "100.5, JPY, 101",
            "0.0005, USD, 0.00"})
    void shouldRoundHalfUpToTheCurrencysMinorUnit(String amount, String currency, String expected) {
        Money rounded = Money.of(amount, currency).toMinorUnits();

        assertEquals(expected, rounded.amount().toPlainString(), rounded.toString());
        assertTrue(rounded.inWholeMinorUnits());
    }

    @Test
    void shouldKeepNoDecimalsForJpy() {
        assertEquals("100", Money.of("100.00", "JPY").amount().toPlainString());
        assertEquals("101 JPY", Money.of("100.5", "JPY").toMinorUnits().toString());
    }

    @ParameterizedTest
    @CsvSource({"0.00001, USD", "1.23456, EUR", "0.00005, JPY"})
    void shouldRefuseAFifthDecimalRatherThanRoundIt(String amount, String currency) {
        assertThrows(IllegalArgumentException.class, () -> Money.of(amount, currency));
    }

    @ParameterizedTest
    @CsvSource({
            "5.0000, USD, 5.00",
            "0.0305, USD, 0.0305",
            "0.6100, USD, 0.61",
            "0.1, EUR, 0.10",
            "0, USD, 0.00"})
    void shouldBeWrittenWithAtLeastTheMinorUnitsDigits(String amount, String currency, String written) {
        assertEquals(written + " " + currency, Money.of(amount, currency).toString());
    }

    @Test
    void shouldRoundARatioOnceNotThroughFourDecimals() {
        // 1 / 200.0004 = 0.0049999…: through a 4-decimal step it would be 0.0050, then 0.01
        assertEquals("0.00", Money.ofRatio(BigDecimal.ONE, new BigDecimal("200.0004"), "USD").amount().toPlainString());
        assertEquals("0.01", Money.ofRatio(BigDecimal.ONE, new BigDecimal("200"), "USD").amount().toPlainString());
    }

    @ParameterizedTest
    @CsvSource({"0.0915, USD", "10.005, EUR", "100.50, JPY"})
    void shouldRefuseFractionsOfAMinorUnitAtTheEdge(String amount, String currency) {
        Money money = Money.of(amount, currency);

        assertFalse(money.inWholeMinorUnits());
        assertThrows(IllegalArgumentException.class, money::requireWholeMinorUnits);
    }

    @ParameterizedTest
    @CsvSource({"51.50, USD", "0.0000, USD", "100.00, JPY", "0.10, EUR"})
    void shouldAcceptWholeMinorUnits(String amount, String currency) {
        assertTrue(Money.of(amount, currency).inWholeMinorUnits());
    }

    @Test
    void shouldBeWrittenAsAmountAndCurrencyOnly() throws Exception {
        // the helpers (signum, inWholeMinorUnits…) must not become JSON properties of events and answers
        assertEquals("{\"amount\":\"0.09\",\"currency\":\"USD\"}",
                new ObjectMapper().writeValueAsString(Money.of("0.0915", "USD").toMinorUnits()));
    }
}
