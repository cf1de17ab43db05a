package io.imcredits.subscription;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The plans and add-ons on sale, their prices per currency and how credits sell: what a quote is priced from. */
public record Catalog(Map<String, Plan> plans, Map<String, AddOn> addOns, Map<String, Map<String, UnitPrice>> prices,
        CreditTerms credits) {

    public enum Kind {
        PREPAID, STANDARD, POSTPAID
    }

    public record Plan(String code, String name, int rank) {}

    public record AddOn(String code, String name, Kind kind, String unit, int maxQuantity) {}

    /** A recurring price: per agent for a plan, per unit for a standard add-on. */
    public record UnitPrice(BigDecimal monthly, BigDecimal yearly) {
        public BigDecimal per(BillingPeriod.Cycle cycle) {
            return cycle == BillingPeriod.Cycle.MONTHLY ? monthly : yearly;
        }
    }

    /** The catalog as the database holds it now (a few rows: read per request, no cache to invalidate). */
    public static Catalog load(CreditTerms credits) {
        Map<String, Plan> plans = CatalogPlan.<CatalogPlan>listAll().stream()
                .map(p -> new Plan(p.code, p.name, p.rank))
                .collect(Collectors.toMap(Plan::code, Function.identity(), (a, b) -> a, TreeMap::new));
        Map<String, AddOn> addOns = CatalogAddOn.<CatalogAddOn>listAll().stream()
                .map(a -> new AddOn(a.code, a.name, a.kind, a.unit, a.maxQuantity))
                .collect(Collectors.toMap(AddOn::code, Function.identity(), (a, b) -> a, TreeMap::new));
        Map<String, Map<String, UnitPrice>> prices = CatalogPrice.<CatalogPrice>listAll().stream()
                .collect(Collectors.groupingBy(p -> p.itemCode, TreeMap::new,
                        Collectors.toMap(p -> p.currency, p -> new UnitPrice(p.monthly, p.yearly), (a, b) -> a, TreeMap::new)));
        return new Catalog(plans, addOns, prices, credits);
    }

    public Optional<Plan> plan(String code) {
        return Optional.ofNullable(plans.get(code));
    }

    public Optional<AddOn> addOn(String code) {
        return Optional.ofNullable(addOns.get(code));
    }

    public Optional<UnitPrice> price(String code, String currency) {
        return Optional.ofNullable(prices.getOrDefault(code, Map.of()).get(currency));
    }
}
