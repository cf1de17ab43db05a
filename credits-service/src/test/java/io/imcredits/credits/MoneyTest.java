package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one money rule: up to four decimals inside, rounded once, half up, to the minor unit where it leaves. */
class MoneyTest {

    @Test
    void shouldWriteAtLeastTheMinorUnitsDigits() {
        assertEquals("12.50", Money.of("12.5", "USD").amount().toString());
        assertEquals("100.00", Money.of("100", "USD").amount().toString());
        assertEquals("1000.00", Money.of(new BigDecimal("1E+3"), "EUR").amount().toString());
        assertEquals("5.00", Money.of("5.0000", "USD").amount().toString());
        assertEquals("51.50 USD", Money.of("51.5", "USD").toString());
    }

    @Test
    void shouldKeepFourDecimalsAndDropTrailingZeros() {
        assertEquals("0.0147", Money.of("0.0147", "USD").amount().toString());
        assertEquals("0.0305", Money.of("0.03050", "USD").amount().toString());
        assertEquals("250000.00", Money.of("250000.0000", "GBP").amount().toString(),
                "numeric(19,4) read back from the database shows as entered");
    }

    @Test
    void shouldBeEqualWhateverTheScale() {
        assertEquals(Money.of("5", "INR"), Money.of("5.0000", "INR"));
        assertTrue(Money.of("51.5", "USD").sameAs(Money.of("51.50", "USD")));
        assertFalse(Money.of("51.5", "USD").sameAs(Money.of("51.5", "EUR")));
    }

    @Test
    void shouldRefuseAFifthDecimalRatherThanRoundIt() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.00001", "USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("10.00001", "USD"));
    }

    @Test
    void shouldRefuseWhatIsNotACurrency() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(BigDecimal.ONE, "XYZ"));
        assertThrows(NullPointerException.class, () -> Money.of(BigDecimal.ONE, null));
    }

    @Test
    void shouldRoundOnceHalfUpToTheMinorUnitWhereMoneyLeaves() {
        assertEquals(Money.of("0.61", "USD"), Money.of("0.605", "USD").toMinorUnits());
        assertEquals(Money.of("0.09", "USD"), Money.of("0.0915", "USD").toMinorUnits());
        assertEquals("0.61", Money.of("0.605", "USD").toMinorUnits().amount().toString());
        assertTrue(Money.of("0.61", "USD").inWholeMinorUnits());
        assertFalse(Money.of("0.605", "USD").inWholeMinorUnits());
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.605", "USD").requireWholeMinorUnits());
    }

    @Test
    void shouldKnowThatYenHasNoMinorUnit() {
        assertEquals("5", Money.of("5.00", "JPY").amount().toString());
        assertEquals(Money.of("6", "JPY"), Money.of("5.5", "JPY").toMinorUnits());
        assertFalse(Money.of("5.5", "JPY").inWholeMinorUnits());
    }

    @Test
    void shouldRoundARatioOnceNotTwice() {
        // 0.0049999… is 0.00; rounding to four decimals first (0.0050) and then to cents would give 0.01
        BigDecimal justUnderHalfACent = new BigDecimal("0.0049999");
        assertEquals(Money.of("0.00", "USD"), Money.ofRatio(justUnderHalfACent, BigDecimal.ONE, "USD"));
        assertEquals(Money.of("0.00", "USD"), Money.ofRatio(new BigDecimal("1"), new BigDecimal("200.0004"), "USD"));
        assertEquals(Money.of("0.33", "USD"), Money.ofRatio(BigDecimal.ONE, new BigDecimal("3"), "USD"));
    }

    @Test
    void shouldAddSubtractAndCompareInOneCurrencyOnly() {
        Money five = Money.of("5", "USD");
        assertEquals(Money.of("7.5", "USD"), five.plus(Money.of("2.5", "USD")));
        assertEquals(Money.of("2.5", "USD"), five.minus(Money.of("2.5", "USD")));
        assertEquals(Money.of("15", "USD"), five.times(3));
        assertEquals(-1, five.negate().signum());
        assertEquals(0, Money.zero("USD").signum());
        assertTrue(Money.of("4.9999", "USD").isLessThan(five));
        assertThrows(IllegalArgumentException.class, () -> five.plus(Money.of("1", "EUR")));
    }

    @Test
    void shouldWriteAmountAndCurrencyOnlyAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var written = json.readTree(json.writeValueAsString(Money.of("5.0000", "USD")));
        assertEquals(Set.of("amount", "currency"), Set.copyOf(iterate(written.fieldNames())));
        assertEquals("5.00", written.get("amount").asText());
        assertTrue(written.get("amount").isTextual(), "the amount is a string, never a floating point number");
        assertEquals("USD", written.get("currency").asText());
    }

    private static <T> List<T> iterate(Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }
}
