package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.imcredits.billing.CardNumber.Brand;

class CardNumberTest {

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, VISA",
            "4222222222222, VISA",
            "5555555555554444, MASTERCARD",
            "2223003122003222, MASTERCARD",
            "378282246310005, AMEX",
            "371449635398431, AMEX",
            "6011111111111117, DISCOVER",
            "6445644564456445, DISCOVER"})
    void shouldDetectTheBrandOfValidNumbers(String number, Brand brand) {
        CardNumber card = CardNumber.parse(number);
        assertEquals(brand, card.brand());
        assertEquals(number.substring(number.length() - 4), card.last4());
    }

    @Test
    void shouldAcceptSpacesAndDashesAsPrinted() {
        assertEquals(Brand.VISA, CardNumber.parse("4242 4242 4242 4242").brand());
        assertEquals(Brand.AMEX, CardNumber.parse("3782-822463-10005").brand());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "5555555555554443", "378282246310006", "4000000000000001"})
    void shouldRefuseANumberWhoseCheckDigitIsWrong(String number) {
        InvalidCard e = assertThrows(InvalidCard.class, () -> CardNumber.parse(number));
        assertEquals("number", e.field());
        assertTrue(e.getMessage().contains("check digit"));
    }

    @Test
    void luhnShouldMatchTheKnownExamples() {
        assertTrue(CardNumber.luhn("79927398713"));
        assertFalse(CardNumber.luhn("79927398710"));
        assertTrue(CardNumber.luhn("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4242", "42424242424242424242", "4242x24242424242", "12345678901234567"})
    void shouldRefuseWhatIsNotACardNumber(String number) {
        assertEquals("number", assertThrows(InvalidCard.class, () -> CardNumber.parse(number)).field());
    }

    @Test
    void shouldRefuseAnUnknownBrandAndAWrongLengthForTheBrand() {
        // 9 is no brand we accept, even with a good check digit
        assertTrue(assertThrows(InvalidCard.class, () -> CardNumber.parse("9999999999999995")).getMessage().contains("not a Visa"));
        // Amex numbers have 15 digits; this one has 16 and a good check digit
        assertTrue(assertThrows(InvalidCard.class, () -> CardNumber.parse("3782822463100052")).getMessage().contains("wrong number of digits"));
    }

    @Test
    void shouldNeverShowTheNumberWhenPrinted() {
        CardNumber card = CardNumber.parse("4242424242424242");
        assertEquals("VISA ending 4242", card.toString());
        InvalidCard e = assertThrows(InvalidCard.class, () -> CardNumber.parse("4242424242424241"));
        assertFalse(e.getMessage().contains("424242"));
    }

    @Test
    void theCurrentMonthIsStillValid() {
        YearMonth now = YearMonth.of(2026, 11);
        assertDoesNotThrow(() -> CardNumber.requireNotExpired(11, 2026, now));
        assertDoesNotThrow(() -> CardNumber.requireNotExpired(12, 2026, now));
        assertDoesNotThrow(() -> CardNumber.requireNotExpired(1, 2027, now));
    }

    @Test
    void lastMonthIsExpiredAcrossTheYearBoundaryToo() {
        assertEquals("expYear", assertThrows(InvalidCard.class, () -> CardNumber.requireNotExpired(10, 2026, YearMonth.of(2026, 11))).field());
        assertThrows(InvalidCard.class, () -> CardNumber.requireNotExpired(12, 2025, YearMonth.of(2026, 1)));
        assertDoesNotThrow(() -> CardNumber.requireNotExpired(1, 2026, YearMonth.of(2026, 1)));
    }

    @Test
    void americanExpressNeedsAFourDigitCvcTheOthersThree() {
        assertDoesNotThrow(() -> CardNumber.parse("378282246310005").requireCvcFits("1234"));
        assertEquals("cvc", assertThrows(InvalidCard.class, () -> CardNumber.parse("378282246310005").requireCvcFits("123")).field());
        assertDoesNotThrow(() -> CardNumber.parse("4242424242424242").requireCvcFits("123"));
        assertThrows(InvalidCard.class, () -> CardNumber.parse("4242424242424242").requireCvcFits("1234"));
    }
}
