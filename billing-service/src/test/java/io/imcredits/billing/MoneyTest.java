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

/** The one rounding rule for money that leaves the service: half up to the currency's minor unit. */
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
        Money rounded = Money.of(new BigDecimal(amount), currency).toMinorUnits();

        assertEquals(0, new BigDecimal(expected).compareTo(rounded.amount()), rounded.toString());
        assertTrue(rounded.isWholeMinorUnits());
    }

    @ParameterizedTest
    @CsvSource({
            "51.50, USD, 19, 8.22",
            "51.50, USD, 20, 8.58",
            "119.00, EUR, 19, 19.00",
            "0.06, USD, 10, 0.01",
            "1190, JPY, 19, 190",
            "10.00, USD, 0, 0.00"})
    void shouldFindTheTaxAnAmountIncludesRoundedHalfUpToTheMinorUnit(String amount, String currency, String ratePercent, String expected) {
        Money tax = Money.of(new BigDecimal(amount), currency).taxIncluded(new BigDecimal(ratePercent));

        assertEquals(0, new BigDecimal(expected).compareTo(tax.amount()), tax.toString());
        assertTrue(tax.isWholeMinorUnits());
    }

    @ParameterizedTest
    @CsvSource({"0.0915, USD", "10.005, EUR", "100.50, JPY"})
    void shouldRefuseFractionsOfAMinorUnitAtTheEdge(String amount, String currency) {
        Money money = Money.of(new BigDecimal(amount), currency);

        assertFalse(money.isWholeMinorUnits());
        assertThrows(IllegalArgumentException.class, money::requireWholeMinorUnits);
    }

    @Test
    void shouldBeWrittenAsAmountAndCurrencyOnly() throws Exception {
        // the helpers (isZero, isWholeMinorUnits…) must not become JSON properties of events and answers
        assertEquals("{\"amount\":\"0.09\",\"currency\":\"USD\"}",
                new ObjectMapper().writeValueAsString(Money.of(new BigDecimal("0.0915"), "USD").toMinorUnits()));
    }

    @ParameterizedTest
    @CsvSource({"51.50, USD", "0.0000, USD", "100.00, JPY", "0.10, EUR"})
    void shouldAcceptWholeMinorUnits(String amount, String currency) {
        assertTrue(Money.of(new BigDecimal(amount), currency).isWholeMinorUnits());
    }
}
