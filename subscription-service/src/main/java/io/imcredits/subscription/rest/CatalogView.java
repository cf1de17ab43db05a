package io.imcredits.subscription.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.imcredits.subscription.Catalog;
import io.imcredits.subscription.CreditTerms;
import io.imcredits.subscription.Money;

/** The catalog as the portal shows it: plans priced per agent, add-ons by kind. */
public record CatalogView(List<PlanView> plans, List<AddOnView> addOns) {

    public record PlanView(String code, String name, int rank, List<PriceView> prices) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddOnView(String code, String name, Catalog.Kind kind, String unit, int minQuantity, int maxQuantity,
            String billing, List<PriceView> prices, BigDecimal feePercent) {}

    /** Recurring prices (per agent for plans, per unit for standard add-ons) or, for credits, the balance one credit buys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PriceView(String currency, Money monthly, Money yearly, Money perUnit) {}

    static CatalogView from(Catalog catalog) {
        List<PlanView> plans = catalog.plans().values().stream()
                .map(plan -> new PlanView(plan.code(), plan.name(), plan.rank(), recurring(catalog.prices().getOrDefault(plan.code(), Map.of()))))
                .toList();
        List<AddOnView> addOns = catalog.addOns().values().stream().map(addOn -> addOn(catalog, addOn)).toList();
        return new CatalogView(plans, addOns);
    }

    private static AddOnView addOn(Catalog catalog, Catalog.AddOn addOn) {
        return switch (addOn.kind()) {
            case PREPAID -> {
                CreditTerms credits = catalog.credits();
                List<PriceView> prices = credits.pricePerCredit().entrySet().stream()
                        .map(e -> new PriceView(e.getKey(), null, null, Money.of(e.getValue(), e.getKey()))).toList();
                yield new AddOnView(addOn.code(), addOn.name(), addOn.kind(), addOn.unit(), credits.minPerOrder(), credits.maxPerOrder(),
                        "once per order, plus the fee; buy them with imCredits in a quote", prices, credits.feePercent());
            }
            case STANDARD -> new AddOnView(addOn.code(), addOn.name(), addOn.kind(), addOn.unit(), 0, addOn.maxQuantity(),
                    "recurring per unit, prorated when added mid-period", recurring(catalog.prices().getOrDefault(addOn.code(), Map.of())), null);
            case POSTPAID -> new AddOnView(addOn.code(), addOn.name(), addOn.kind(), addOn.unit(), 0, addOn.maxQuantity(),
                    "after use, at the end of each period, at the rate card (GET /api/rate-card on credits-service)", List.of(), null);
        };
    }

    private static List<PriceView> recurring(Map<String, Catalog.UnitPrice> prices) {
        return prices.entrySet().stream()
                .map(e -> new PriceView(e.getKey(), Money.of(e.getValue().monthly(), e.getKey()), Money.of(e.getValue().yearly(), e.getKey()), null))
                .toList();
    }
}
