package io.imcredits.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.imcredits.subscription.BillingPeriod.Cycle;

/** What a renewal charges and when the next period ends: plain rules, no database. */
class RenewalPricingTest {

    static final QuotePricing PRICING = PricingTest.PRICING;

    @Test
    void shouldChargePlanTimesAgentsAndEachStandardAddOnButNotPostpaidOnes() {
        QuotePricing.Priced priced = PRICING.renewal(new Renewal.Configuration("PROFESSIONAL", 3, Cycle.MONTHLY,
                Map.of("WHATSAPP_NUMBER", 2, "IM_OVERAGE", 1)), "USD");
        assertEquals(List.of("PROFESSIONAL", "WHATSAPP_NUMBER"), priced.lines().stream().map(QuotePricing.Line::code).sorted().toList());
        assertEquals("0.00", priced.fee().amount().toPlainString());
        assertEquals("23.00 × 3 agent licenses = 69.00", priced.lines().stream().filter(l -> l.code().equals("PROFESSIONAL")).findFirst()
                .orElseThrow().calculation());
        assertEquals("89.00 USD", priced.total().toString(), "69.00 + 10.00 × 2 WhatsApp numbers; the post-paid add-on is billed after use");
    }

    @Test
    void shouldChargeTheYearlyPriceForAYearlyPeriod() {
        assertEquals("28.00 USD", PRICING.renewal(new Renewal.Configuration("STANDARD", 2, Cycle.MONTHLY, Map.of()), "USD").total().toString());
        assertEquals("280.00 USD", PRICING.renewal(new Renewal.Configuration("STANDARD", 2, Cycle.YEARLY, Map.of()), "USD").total().toString());
    }

    @Test
    void shouldRefuseACurrencyWithoutAPrice() {
        assertThrows(Unprocessable.class, () -> PRICING.renewal(new Renewal.Configuration("STANDARD", 2, Cycle.MONTHLY, Map.of()), "GBP"));
    }

    @Test
    void shouldCountPeriodsFromTheAnchorSoTheThirtyFirstComesBack() {
        Instant anchor = Instant.parse("2027-01-31T09:00:00Z");
        Instant february = Subscription.periodEndAfter(anchor, Cycle.MONTHLY, anchor);
        assertEquals(Instant.parse("2027-02-28T09:00:00Z"), february);
        Instant march = Subscription.periodEndAfter(anchor, Cycle.MONTHLY, february);
        assertEquals(Instant.parse("2027-03-31T09:00:00Z"), march);
        assertEquals(Instant.parse("2028-01-31T09:00:00Z"), Subscription.periodEndAfter(anchor, Cycle.YEARLY, anchor));
    }
}
