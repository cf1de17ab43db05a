package io.imcredits.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Money's one rule: up to four decimals inside, rounded once, half up, to the minor unit where it leaves; written with
 * at least the minor unit's digits. A payment is compared with an order's total by Money.sameAs.
 */
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

    @Test
    void shouldRoundHalfUpToTheMinorUnitWhereMoneyLeaves() {
        assertEquals("0.61 USD", Money.of("0.605", "USD").toMinorUnits().toString());
        assertEquals("0.09 USD", Money.of("0.0915", "USD").toMinorUnits().toString());
        assertEquals("52 JPY", Money.of("51.5", "JPY").toMinorUnits().toString()); // JPY has no minor unit
        assertEquals("51 JPY", Money.of("51", "JPY").toString());
    }

    @Test
    void shouldRefuseAFifthDecimalInsteadOfRoundingIt() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.00005", "USD"));
        assertEquals("0.0305 USD", Money.of("0.0305", "USD").toString());
        assertEquals("0.0001", Money.of("0.000100", "USD").amount().toPlainString(), "trailing zeros are no fifth decimal");
    }

    @Test
    void shouldWriteAtLeastTheMinorUnitsDigitsAndNoTrailingZerosBeyond() {
        assertEquals("5.00", Money.of("5.0000", "USD").amount().toPlainString());
        assertEquals("0.61", Money.of("0.6100", "USD").amount().toPlainString());
        assertEquals("0.0305", Money.of("0.03050", "USD").amount().toPlainString());
    }

    @Test
    void shouldRoundARatioOnceNotTwice() {
        // 0.0049999… is 0.00 rounded once; rounded to four decimals first (0.0050) it would become 0.01
        Money ratio = Money.ofRatio(new BigDecimal("0.0149999"), new BigDecimal("3"), "USD");
        assertEquals("0.00", ratio.amount().toPlainString());
        assertEquals("0.61", Money.ofRatio(new BigDecimal("60.5"), new BigDecimal("100"), "USD").amount().toPlainString());
    }

    @Test
    void shouldTellWholeMinorUnits() {
        assertTrue(Money.of("0.61", "USD").inWholeMinorUnits());
        assertFalse(Money.of("0.0305", "USD").inWholeMinorUnits());
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.0305", "USD").requireWholeMinorUnits());
    }

    @Test
    void shouldBeWrittenAsExactlyAmountAndCurrency() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(Money.of("5.0000", "USD"));
        Map<String, Object> keys = json.readValue(written, new TypeReference<>() {
        });
        assertEquals(Map.of("amount", "5.00", "currency", "USD"), keys);
        assertTrue(Money.of("5", "USD").sameAs(json.readValue(written, Money.class)));
    }
}
