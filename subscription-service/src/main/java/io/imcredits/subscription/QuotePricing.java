package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices a change to a subscription: the pricing rules, with no database and no clock of its own.
 * Mid-period changes are prorated by days: unit price × quantity × days left / days in the period,
 * rounded once. Only upgrades are sold mid-period; a lower plan or fewer licenses waits for renewal.
 */
public final class QuotePricing {

    public static final String CREDITS = "IM_CREDITS";
    public static final String AGENTS = "AGENTS";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The subscription as it is now. */
    public record Current(String planCode, int agents, Map<String, Integer> addOns, String currency,
            BillingPeriod.Cycle cycle, BillingPeriod period) {}

    /** What the partner asks for; null (or, for imCredits, 0) means "leave as it is". */
    public record Change(String planCode, Integer agents, Map<String, Integer> addOns, Integer imCredits) {}

    public record Line(String code, String kind, String description, int quantity, Money unitPrice, Money amount,
            String calculation) {}

    /** How mid-period amounts were prorated: days left (today included) over days in the period. */
    public record Proration(LocalDate periodStart, LocalDate periodEnd, long daysLeft, long daysInPeriod) {
        String of(String fullAmount, Money result) {
            return fullAmount + " × " + daysLeft + "/" + daysInPeriod + " days = " + result.amount().toPlainString();
        }
    }

    public record Priced(List<Line> lines, Money subtotal, Money fee, Money total, Proration proration, int imCredits,
            Money creditBalance) {}

    private final Catalog catalog;
    private final CreditTerms credits;

    public QuotePricing(Catalog catalog) {
        this.catalog = catalog;
        this.credits = catalog.credits();
    }

    public Priced quote(Current current, Change change, LocalDate today) {
        String currency = current.currency();
        Proration proration = new Proration(current.period().start(), current.period().end(),
                current.period().daysLeftFrom(today), current.period().days());
        List<Line> lines = new ArrayList<>();
        Catalog.Plan plan = planUpgrade(current, change.planCode()).orElse(null);
        String targetPlan = plan == null ? current.planCode() : plan.code();
        if (plan != null) {
            BigDecimal difference = agentPrice(targetPlan, current).subtract(agentPrice(current.planCode(), current));
            lines.add(prorated(plan.code(), "PLAN", "Upgrade from " + current.planCode() + " to " + plan.code()
                    + " for " + current.agents() + " agent licenses", current.agents(), difference, "agents", current, proration));
        }
        if (change.agents() != null && change.agents() != current.agents()) {
            if (change.agents() < current.agents()) {
                throw new Unprocessable("agents", "agents can only go up mid-period (from " + current.agents()
                        + "); fewer licenses take effect at renewal");
            }
            int more = change.agents() - current.agents();
            lines.add(prorated(AGENTS, "LICENSE", more + " more agent licenses on " + targetPlan + " (" + current.agents()
                    + " → " + change.agents() + ")", more, agentPrice(targetPlan, current), "licenses", current, proration));
        }
        change.addOns().forEach((code, quantity) -> addOnLine(current, code, quantity, proration).ifPresent(lines::add));
        int imCredits = change.imCredits() == null ? 0 : change.imCredits();
        Money balance = Money.zero(currency);
        Money fee = Money.zero(currency);
        if (imCredits != 0) {
            balance = creditBalance(imCredits, currency);
            Money unitPrice = Money.of(credits.price(currency).orElseThrow(), currency);
            lines.add(new Line(CREDITS, Catalog.Kind.PREPAID.name(), imCredits + " IM credits of messaging balance", imCredits,
                    unitPrice, balance, imCredits + " × " + unitPrice.amount().toPlainString() + " = " + balance.amount().toPlainString()));
            fee = Money.ofRatio(balance.amount().multiply(credits.feePercent()), HUNDRED, currency);
        }
        if (lines.isEmpty()) {
            throw new Unprocessable(null, "This quote changes nothing: ask for a higher plan, more agents, more add-ons or some IM credits");
        }
        Money subtotal = lines.stream().map(Line::amount).reduce(Money.zero(currency), Money::plus);
        boolean prorated = lines.stream().anyMatch(line -> !line.kind().equals(Catalog.Kind.PREPAID.name())
                && !line.kind().equals(Catalog.Kind.POSTPAID.name()));
        return new Priced(List.copyOf(lines), subtotal, fee, subtotal.plus(fee), prorated ? proration : null, imCredits, balance);
    }

    /** A whole period of a configuration: plan × agents and each standard add-on × quantity (post-paid is billed after use). */
    public Priced renewal(Renewal.Configuration configuration, String currency) {
        List<Line> lines = new ArrayList<>();
        BigDecimal agentPrice = catalog.price(configuration.planCode(), currency)
                .orElseThrow(() -> noPrice("plan " + configuration.planCode(), currency)).per(configuration.cycle());
        String period = configuration.cycle() == BillingPeriod.Cycle.MONTHLY ? "month" : "year";
        lines.add(whole(configuration.planCode(), "PLAN", configuration.planCode() + " for " + configuration.agents()
                + " agent licenses, one " + period, configuration.agents(), agentPrice, "agent licenses", currency));
        configuration.addOns().forEach((code, quantity) -> catalog.addOn(code)
                .filter(addOn -> addOn.kind() == Catalog.Kind.STANDARD && quantity > 0)
                .ifPresent(addOn -> lines.add(whole(code, addOn.kind().name(), quantity + " " + addOn.unit() + ", one " + period, quantity,
                        catalog.price(code, currency).orElseThrow(() -> noPrice(code, currency)).per(configuration.cycle()),
                        addOn.unit(), currency))));
        Money subtotal = lines.stream().map(Line::amount).reduce(Money.zero(currency), Money::plus);
        return new Priced(List.copyOf(lines), subtotal, Money.zero(currency), subtotal, null, 0, Money.zero(currency));
    }

    private static Line whole(String code, String kind, String description, int quantity, BigDecimal unit, String unitName, String currency) {
        Money amount = Money.of(unit.multiply(BigDecimal.valueOf(quantity)), currency).toMinorUnits();
        Money unitPrice = Money.of(unit, currency);
        return new Line(code, kind, description, quantity, unitPrice, amount,
                unitPrice.amount().toPlainString() + " × " + quantity + " " + unitName + " = " + amount.amount().toPlainString());
    }

    /** The balance that a number of credits buys, after checking the per-order limits. */
    public Money creditBalance(int imCredits, String currency) {
        if (imCredits < credits.minPerOrder() || imCredits > credits.maxPerOrder()) {
            throw new Unprocessable("imCredits", "imCredits must be a whole number between " + credits.minPerOrder()
                    + " and " + credits.maxPerOrder() + " per order, not " + imCredits);
        }
        BigDecimal price = credits.price(currency).orElseThrow(() -> noPrice("IM credits", currency));
        return Money.of(price.multiply(BigDecimal.valueOf(imCredits)), currency).toMinorUnits();
    }

    private Optional<Catalog.Plan> planUpgrade(Current current, String planCode) {
        if (planCode == null || planCode.equals(current.planCode())) return Optional.empty();
        Catalog.Plan plan = catalog.plan(planCode)
                .orElseThrow(() -> new Unprocessable("planCode", "There is no plan " + planCode + "; GET /api/plans lists them"));
        Catalog.Plan now = catalog.plan(current.planCode()).orElseThrow(() -> new IllegalStateException("Unknown current plan " + current.planCode()));
        if (plan.rank() < now.rank()) {
            throw new Unprocessable("planCode", planCode + " is a downgrade from " + now.code()
                    + "; only upgrades are sold mid-period, a lower plan takes effect at renewal");
        }
        return Optional.of(plan);
    }

    private Optional<Line> addOnLine(Current current, String code, Integer quantity, Proration proration) {
        String field = "addOns[" + code + "].quantity";
        Catalog.AddOn addOn = catalog.addOn(code)
                .orElseThrow(() -> new Unprocessable("addOns[" + code + "].code", "There is no add-on " + code + "; GET /api/plans lists them"));
        if (addOn.kind() == Catalog.Kind.PREPAID) {
            throw new Unprocessable(field, code + " is bought with imCredits, not as an add-on quantity");
        }
        int now = current.addOns().getOrDefault(code, 0);
        if (quantity < 0 || quantity > addOn.maxQuantity()) {
            throw new Unprocessable(field, code + " quantity must be between 0 and " + addOn.maxQuantity() + ", not " + quantity);
        }
        if (quantity < now) {
            throw new Unprocessable(field, code + " can only go up mid-period (from " + now + "); removing units takes effect at renewal");
        }
        if (quantity == now) return Optional.empty();
        int more = quantity - now;
        if (addOn.kind() == Catalog.Kind.POSTPAID) {
            Money nothing = Money.zero(current.currency());
            return Optional.of(new Line(code, addOn.kind().name(), addOn.name() + ": billed after use at the end of each period",
                    more, nothing, nothing, "nothing now; usage is billed at period end"));
        }
        BigDecimal unit = catalog.price(code, current.currency()).orElseThrow(() -> noPrice(code, current.currency()))
                .per(current.cycle());
        return Optional.of(prorated(code, addOn.kind().name(), more + " more " + addOn.unit() + " (" + now + " → " + quantity + ")",
                more, unit, addOn.unit(), current, proration));
    }

    private Line prorated(String code, String kind, String description, int quantity, BigDecimal unit, String unitName,
            Current current, Proration proration) {
        BigDecimal full = unit.multiply(BigDecimal.valueOf(quantity));
        Money amount = Money.ofRatio(full.multiply(BigDecimal.valueOf(proration.daysLeft())), BigDecimal.valueOf(proration.daysInPeriod()),
                current.currency());
        Money unitPrice = Money.of(unit, current.currency());
        String calculation = proration.of(unitPrice.amount().toPlainString() + " × " + quantity + " " + unitName, amount);
        return new Line(code, kind, description, quantity, unitPrice, amount, calculation);
    }

    private BigDecimal agentPrice(String planCode, Current current) {
        return catalog.price(planCode, current.currency()).orElseThrow(() -> noPrice("plan " + planCode, current.currency()))
                .per(current.cycle());
    }

    private static Unprocessable noPrice(String what, String currency) {
        return new Unprocessable("currency", "There is no price in " + currency + " for " + what
                + "; this customer's currency cannot be sold to yet");
    }
}
