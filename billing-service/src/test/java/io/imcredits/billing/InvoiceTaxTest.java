package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tax an invoice's total includes: total × rate / (100 + rate), rounded once, half up, to the minor unit. */
class InvoiceTaxTest {

    @ParameterizedTest
    @CsvSource({
            "51.50, USD, 19, 8.22",
            "51.50, USD, 20, 8.58",
            "119.00, EUR, 19, 19.00",
            "0.06, USD, 10, 0.01",
            "1190, JPY, 19, 190",
            "10.00, USD, 0, 0.00"})
    void shouldFindTheTaxAnAmountIncludesRoundedHalfUpToTheMinorUnit(String amount, String currency, String ratePercent, String expected) {
        Money tax = Invoices.taxIncluded(Money.of(amount, currency), new BigDecimal(ratePercent));

        assertEquals(0, new BigDecimal(expected).compareTo(tax.amount()), tax.toString());
        assertTrue(tax.inWholeMinorUnits());
    }
}
