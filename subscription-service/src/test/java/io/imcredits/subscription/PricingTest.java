package io.imcredits.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.imcredits.subscription.BillingPeriod.Cycle;
import io.imcredits.subscription.Catalog.Kind;
import io.imcredits.subscription.QuotePricing.Change;
import io.imcredits.subscription.QuotePricing.Current;
import io.imcredits.subscription.QuotePricing.Priced;

/** The pricing rules, without a database: proration, the credit fee, the credit limits and upgrade-only. */
class PricingTest {

    static final CreditTerms CREDITS = new CreditTerms(
            Map.of("USD", new BigDecimal("2.00"), "EUR", new BigDecimal("2.00"), "JPY", new BigDecimal("350")),
            new BigDecimal("3"), 10, 10_000);

    static Catalog catalog(CreditTerms credits) {
        return new Catalog(
                Map.of("STANDARD", new Catalog.Plan("STANDARD", "Standard", 1),
                        "PROFESSIONAL", new Catalog.Plan("PROFESSIONAL", "Professional", 2),
                        "ENTERPRISE", new Catalog.Plan("ENTERPRISE", "Enterprise", 3)),
                Map.of("IM_CREDITS", new Catalog.AddOn("IM_CREDITS", "IM credits", Kind.PREPAID, "credits", 0),
                        "WHATSAPP_NUMBER", new Catalog.AddOn("WHATSAPP_NUMBER", "WhatsApp numbers", Kind.STANDARD, "WhatsApp numbers", 20),
                        "IM_OVERAGE", new Catalog.AddOn("IM_OVERAGE", "IM overage", Kind.POSTPAID, "overage allowance", 1)),
                Map.of("STANDARD", Map.of("USD", price("14.00", "140.00"), "EUR", price("13.00", "130.00")),
                        "PROFESSIONAL", Map.of("USD", price("23.00", "230.00"), "EUR", price("21.00", "210.00")),
                        "ENTERPRISE", Map.of("USD", price("40.00", "400.00")),
                        "WHATSAPP_NUMBER", Map.of("USD", price("10.00", "100.00"))),
                credits);
    }

    static Catalog.UnitPrice price(String monthly, String yearly) {
        return new Catalog.UnitPrice(new BigDecimal(monthly), new BigDecimal(yearly));
    }

    static final QuotePricing PRICING = new QuotePricing(catalog(CREDITS));

    /** A monthly USD subscription started on the 1st of January 2023, as it is on {@code today}. */
    static Current standard(int agents, LocalDate today) {
        return current("STANDARD", agents, Map.of(), "USD", Cycle.MONTHLY, LocalDate.of(2023, 1, 1), today);
    }

    static Current current(String plan, int agents, Map<String, Integer> addOns, String currency, Cycle cycle, LocalDate anchor, LocalDate today) {
        return new Current(plan, agents, addOns, currency, cycle, BillingPeriod.containing(anchor, cycle, today));
    }

    static Change credits(int imCredits) {
        return new Change(null, null, Map.of(), imCredits);
    }

    static String amount(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }

    /** An oracle in whole cents, independent of BigDecimal: round half-up of cents × num / den. */
    static long centsHalfUp(long cents, long num, long den) {
        return (2 * cents * num + den) / (2 * den);
    }

    @Test
    void shouldPriceTwentyFiveCreditsAtFiftyPlusAThreePercentFee() {
        Priced priced = PRICING.quote(standard(3, LocalDate.of(2026, 11, 26)), credits(25), LocalDate.of(2026, 11, 26));

        assertEquals(1, priced.lines().size());
        assertEquals("IM_CREDITS", priced.lines().get(0).code());
        assertEquals("2.00 USD", amount(priced.lines().get(0).unitPrice()));
        assertEquals("50.00 USD", amount(priced.subtotal()));
        assertEquals("1.50 USD", amount(priced.fee()));
        assertEquals("51.50 USD", amount(priced.total()));
        assertEquals("50.00 USD", amount(priced.creditBalance()), "the balance to grant is without the fee");
        assertNull(priced.proration(), "credits are not prorated");
    }

    @Test
    void shouldRoundTheFeeOnceHalfUpToTheMinorUnit() {
        CreditTerms oddPrice = new CreditTerms(Map.of("USD", new BigDecimal("1.15"), "JPY", new BigDecimal("350")), new BigDecimal("3"), 1, 100);
        QuotePricing pricing = new QuotePricing(catalog(oddPrice));
        LocalDate today = LocalDate.of(2026, 3, 10);

        Priced usd = pricing.quote(standard(1, today), credits(11), today);
        assertEquals("12.65 USD", amount(usd.subtotal()));
        assertEquals("0.38 USD", amount(usd.fee()), "0.3795 rounds up");
        assertEquals("13.03 USD", amount(usd.total()));

        Current yen = current("STANDARD", 1, Map.of(), "JPY", Cycle.MONTHLY, today, today);
        assertEquals("11 JPY", amount(pricing.quote(yen, credits(1), today).fee()), "10.5 yen rounds half-up, not to even");
        assertEquals("21 JPY", amount(pricing.quote(yen, credits(2), today).fee()), "21.0 yen stays");
        assertEquals("32 JPY", amount(pricing.quote(yen, credits(3), today).fee()), "31.5 yen rounds up");
        assertEquals("1082 JPY", amount(pricing.quote(yen, credits(3), today).total()));
    }

    @Test
    void shouldSellCreditsOnlyBetweenTheMinimumAndTheMaximumPerOrder() {
        LocalDate today = LocalDate.of(2026, 5, 5);
        assertEquals("20.00 USD", amount(PRICING.quote(standard(1, today), credits(10), today).subtotal()));
        assertEquals("20000.00 USD", amount(PRICING.quote(standard(1, today), credits(10_000), today).subtotal()));
        for (int refused : new int[]{1, 9, 10_001, 50_000}) {
            Unprocessable e = assertThrows(Unprocessable.class, () -> PRICING.quote(standard(1, today), credits(refused), today));
            assertEquals("imCredits", e.field());
            assertTrue(e.getMessage().contains("between 10 and 10000"), e.getMessage());
        }
    }

    @Test
    void shouldProrateAnUpgradeOnEveryDayOfEveryMonthOfAYearAndALeapYear() {
        // STANDARD 14.00 → PROFESSIONAL 23.00 per agent per month, 3 agents: 27.00 for a whole month.
        for (LocalDate day = LocalDate.of(2023, 1, 1); day.isBefore(LocalDate.of(2025, 1, 1)); day = day.plusDays(1)) {
            Priced priced = PRICING.quote(standard(3, day), new Change("PROFESSIONAL", null, Map.of(), null), day);

            int monthLength = day.lengthOfMonth();
            long daysLeft = monthLength - day.getDayOfMonth() + 1;
            assertEquals(day.withDayOfMonth(1), priced.proration().periodStart(), day.toString());
            assertEquals(monthLength, priced.proration().daysInPeriod(), day.toString());
            assertEquals(daysLeft, priced.proration().daysLeft(), day.toString());
            long expectedCents = centsHalfUp(2700, daysLeft, monthLength);
            assertEquals(BigDecimal.valueOf(expectedCents, 2), priced.total().amount(), day.toString());
        }
    }

    @Test
    void shouldChargeTheWholeDifferenceOnTheFirstDayAndOneDayOnTheLast() {
        LocalDate leapDay = LocalDate.of(2024, 2, 29);
        Priced last = PRICING.quote(standard(3, leapDay), new Change("PROFESSIONAL", null, Map.of(), null), leapDay);
        assertEquals("0.93 USD", amount(last.total()), "27.00 × 1/29");
        assertEquals("9.00 × 3 agents × 1/29 days = 0.93", last.lines().get(0).calculation());

        LocalDate first = LocalDate.of(2024, 2, 1);
        assertEquals("27.00 USD", amount(PRICING.quote(standard(3, first), new Change("PROFESSIONAL", null, Map.of(), null), first).total()));
    }

    @Test
    void shouldProrateAYearlyCycleOverTheDaysOfALeapYear() {
        LocalDate anchor = LocalDate.of(2024, 1, 1);
        LocalDate today = LocalDate.of(2024, 12, 31);
        Current yearly = current("STANDARD", 1, Map.of(), "USD", Cycle.YEARLY, anchor, today);
        Priced priced = PRICING.quote(yearly, new Change("PROFESSIONAL", null, Map.of(), null), today);
        assertEquals(366, priced.proration().daysInPeriod());
        assertEquals(1, priced.proration().daysLeft());
        assertEquals("0.25 USD", amount(priced.total()), "90.00 × 1/366 = 0.2459");
    }

    @Test
    void shouldCountPeriodsFromTheDayTheSubscriptionStarted() {
        LocalDate anchor = LocalDate.of(2024, 1, 31);
        assertEquals(new BillingPeriod(anchor, LocalDate.of(2024, 2, 29)), BillingPeriod.containing(anchor, Cycle.MONTHLY, LocalDate.of(2024, 2, 15)));
        assertEquals(new BillingPeriod(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31)),
                BillingPeriod.containing(anchor, Cycle.MONTHLY, LocalDate.of(2024, 2, 29)));
        assertEquals(new BillingPeriod(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 30)),
                BillingPeriod.containing(anchor, Cycle.MONTHLY, LocalDate.of(2024, 4, 1)));
        assertEquals(new BillingPeriod(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 2, 28)),
                BillingPeriod.containing(LocalDate.of(2024, 2, 29), Cycle.YEARLY, LocalDate.of(2025, 1, 1)));
    }

    @Test
    void shouldPriceOneLinePerChangeAndAddThemUp() {
        LocalDate today = LocalDate.of(2026, 4, 16); // 15 of April's 30 days left
        Current now = current("STANDARD", 3, Map.of("WHATSAPP_NUMBER", 1), "USD", Cycle.MONTHLY, LocalDate.of(2026, 1, 1), today);
        Priced priced = PRICING.quote(now, new Change("PROFESSIONAL", 5, Map.of("WHATSAPP_NUMBER", 3, "IM_OVERAGE", 1), 25), today);

        List<String> lines = priced.lines().stream().map(l -> l.code() + " " + l.quantity() + " " + amount(l.amount())).toList();
        assertTrue(lines.contains("PROFESSIONAL 3 13.50 USD"), lines.toString()); // 9.00 × 3 × 15/30
        assertTrue(lines.contains("AGENTS 2 23.00 USD"), lines.toString()); // 23.00 × 2 × 15/30
        assertTrue(lines.contains("WHATSAPP_NUMBER 2 10.00 USD"), lines.toString()); // 10.00 × 2 × 15/30
        assertTrue(lines.contains("IM_OVERAGE 1 0.00 USD"), lines.toString()); // billed after use
        assertTrue(lines.contains("IM_CREDITS 25 50.00 USD"), lines.toString());
        assertEquals("96.50 USD", amount(priced.subtotal()));
        assertEquals("1.50 USD", amount(priced.fee()), "the fee is on credits only");
        assertEquals("98.00 USD", amount(priced.total()));
        assertEquals(15, priced.proration().daysLeft());
    }

    @Test
    void shouldSellOnlyUpgradesMidPeriod() {
        LocalDate today = LocalDate.of(2026, 6, 10);
        Current professional = current("PROFESSIONAL", 5, Map.of("WHATSAPP_NUMBER", 2), "USD", Cycle.MONTHLY, LocalDate.of(2026, 6, 1), today);

        assertRefused("planCode", "downgrade", professional, new Change("STANDARD", null, Map.of(), null), today);
        assertRefused("agents", "only go up", professional, new Change(null, 4, Map.of(), null), today);
        assertRefused("addOns[WHATSAPP_NUMBER].quantity", "only go up", professional, new Change(null, null, Map.of("WHATSAPP_NUMBER", 1), null), today);
        assertEquals("ENTERPRISE", PRICING.quote(professional, new Change("ENTERPRISE", null, Map.of(), null), today).lines().get(0).code());
    }

    @Test
    void shouldRefuseWhatItCannotSell() {
        LocalDate today = LocalDate.of(2026, 6, 10);
        Current now = standard(3, today);
        assertRefused("planCode", "no plan GOLD", now, new Change("GOLD", null, Map.of(), null), today);
        assertRefused("addOns[FAX].code", "no add-on FAX", now, new Change(null, null, Map.of("FAX", 1), null), today);
        assertRefused("addOns[WHATSAPP_NUMBER].quantity", "between 0 and 20", now, new Change(null, null, Map.of("WHATSAPP_NUMBER", 21), null), today);
        assertRefused("addOns[IM_CREDITS].quantity", "imCredits", now, new Change(null, null, Map.of("IM_CREDITS", 25), null), today);
        assertRefused(null, "changes nothing", now, new Change("STANDARD", 3, Map.of("WHATSAPP_NUMBER", 0), 0), today);
        Current euro = current("STANDARD", 3, Map.of(), "EUR", Cycle.MONTHLY, today, today);
        assertRefused("currency", "no price in EUR for plan ENTERPRISE", euro, new Change("ENTERPRISE", null, Map.of(), null), today);
        Current pounds = current("STANDARD", 3, Map.of(), "GBP", Cycle.MONTHLY, today, today);
        assertRefused("currency", "no price in GBP for IM credits", pounds, credits(25), today);
    }

    static void assertRefused(String field, String detail, Current current, Change change, LocalDate today) {
        Unprocessable e = assertThrows(Unprocessable.class, () -> PRICING.quote(current, change, today));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
}
