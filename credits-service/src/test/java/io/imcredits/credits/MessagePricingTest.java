package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.imcredits.credits.MessagePricing.Category;
import io.imcredits.credits.MessagePricing.Channel;
import io.imcredits.credits.MessagePricing.Message;
import io.imcredits.credits.MessagePricing.Rate;
import io.imcredits.credits.MessagePricing.Window;

class MessagePricingTest {

    static final Instant JULY = Instant.parse("2025-07-01T00:00:00Z");
    static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");

    static final List<Rate> CARD = List.of(
            rate("IN", Category.MARKETING, "0.0107", JULY),
            rate("IN", Category.UTILITY, "0.0014", JULY),
            rate("IN", Category.AUTHENTICATION, "0.0014", JULY),
            rate("IN", Category.MARKETING, "0.0118", JANUARY), // published ahead, in force from its day
            rate("BR", Category.MARKETING, "0.0625", JULY),
            rate("*", Category.MARKETING, "0.0604", JULY),
            rate("*", Category.UTILITY, "0.0077", JULY));

    static Rate rate(String country, Category category, String price, Instant from) {
        return new Rate(Channel.WHATSAPP, country, category, "USD", new BigDecimal(price), from);
    }

    static Optional<Money> price(String country, Category category, Window window, Instant at) {
        return MessagePricing.price(CARD, new Message(Channel.WHATSAPP, country, category, window), "USD", at);
    }

    static final Instant AUGUST = Instant.parse("2025-08-15T12:00:00Z");

    @Test
    void pricesByCategoryAndCountry() {
        assertEquals(Money.of("0.0107", "USD"), price("IN", Category.MARKETING, Window.NONE, AUGUST).orElseThrow());
        assertEquals(Money.of("0.0014", "USD"), price("IN", Category.UTILITY, Window.NONE, AUGUST).orElseThrow());
        assertEquals(Money.of("0.0625", "USD"), price("BR", Category.MARKETING, Window.NONE, AUGUST).orElseThrow());
    }

    @Test
    void aCountryWithoutItsOwnRateGetsTheDefault() {
        assertEquals(Money.of("0.0604", "USD"), price("KE", Category.MARKETING, Window.NONE, AUGUST).orElseThrow());
        assertEquals(Money.of("0.0077", "USD"), price("BR", Category.UTILITY, Window.NONE, AUGUST).orElseThrow());
    }

    @Test
    void serviceRepliesAreFree() {
        assertEquals(Money.zero("USD"), price("IN", Category.SERVICE, Window.NONE, AUGUST).orElseThrow());
        assertEquals(Money.zero("USD"), price("IN", Category.SERVICE, Window.CUSTOMER_SERVICE, AUGUST).orElseThrow());
    }

    @Test
    void aUtilityTemplateInsideACustomerServiceWindowIsFreeButMarketingIsNot() {
        assertEquals(Money.zero("USD"), price("IN", Category.UTILITY, Window.CUSTOMER_SERVICE, AUGUST).orElseThrow());
        assertEquals(Money.of("0.0107", "USD"), price("IN", Category.MARKETING, Window.CUSTOMER_SERVICE, AUGUST).orElseThrow());
        assertEquals(Money.of("0.0014", "USD"), price("IN", Category.AUTHENTICATION, Window.CUSTOMER_SERVICE, AUGUST).orElseThrow());
    }

    @Test
    void everyTemplateInsideAFreeEntryPointWindowIsFree() {
        for (Category category : Category.values()) {
            assertEquals(Money.zero("USD"), price("BR", category, Window.FREE_ENTRY_POINT, AUGUST).orElseThrow(), category.name());
        }
    }

    @Test
    void aPublishedRateChangeTakesEffectOnItsDay() {
        assertEquals(Money.of("0.0107", "USD"), price("IN", Category.MARKETING, Window.NONE, JANUARY.minusNanos(1)).orElseThrow());
        assertEquals(Money.of("0.0118", "USD"), price("IN", Category.MARKETING, Window.NONE, JANUARY).orElseThrow());
        assertEquals(Money.of("0.0118", "USD"), price("IN", Category.MARKETING, Window.NONE, JANUARY.plusSeconds(86_400 * 40)).orElseThrow());
    }

    @Test
    void nothingIsPricedBeforeTheFirstRateOrInAnotherCurrency() {
        assertTrue(price("IN", Category.MARKETING, Window.NONE, JULY.minusSeconds(1)).isEmpty());
        assertTrue(MessagePricing.price(CARD, new Message(Channel.WHATSAPP, "IN", Category.MARKETING, Window.NONE), "EUR", AUGUST).isEmpty());
        assertTrue(price("IN", Category.AUTHENTICATION, Window.NONE, AUGUST).isPresent());
        assertTrue(price("KE", Category.AUTHENTICATION, Window.NONE, AUGUST).isEmpty(), "no default authentication rate in this card");
    }

    @Test
    void readsTheCountryFromAnE164Number() {
        assertEquals(Optional.of("IN"), CallingCodes.country("+919876543210"));
        assertEquals(Optional.of("US"), CallingCodes.country("+14155550100"));
        assertEquals(Optional.of("AE"), CallingCodes.country("+971501234567"), "971 wins over 97 and 9");
        assertEquals(Optional.of("SA"), CallingCodes.country("+966501234567"));
        assertEquals(Optional.of("GB"), CallingCodes.country("+447700900123"));
        assertEquals(Optional.of("BD"), CallingCodes.country("+8801712345678"), "every calling code, not just the rate card's");
        assertEquals(Optional.of("CA"), CallingCodes.country("+14162345678"), "Toronto: +1 is not only the US");
        assertEquals(Optional.empty(), CallingCodes.country("+80012345678"), "a non-geographic number");
    }

    @Test
    void letsTheNumberDecideTheCountry() {
        assertEquals("DE", CallingCodes.destination(null, "+4915112345678"));
        assertEquals("DE", CallingCodes.destination("DE", "+4915112345678"));
        assertEquals("IN", CallingCodes.destination("IN", null));
        assertEquals("CA", CallingCodes.destination("CA", "+14162345678"));
        Unprocessable refused = assertThrows(Unprocessable.class, () -> CallingCodes.destination("IN", "+4915112345678"));
        assertTrue(refused.getMessage().contains("is in DE, not IN"), refused.getMessage());
        assertThrows(Unprocessable.class, () -> CallingCodes.destination("US", "+14162345678"));
    }
}
