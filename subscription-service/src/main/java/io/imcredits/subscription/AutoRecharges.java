package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.imcredits.subscription.PublishedEvents.AutoRechargeCompleted;
import io.imcredits.subscription.PublishedEvents.AutoRechargeConfigured;
import io.imcredits.subscription.PublishedEvents.AutoRechargeDisabled;
import io.imcredits.subscription.PublishedEvents.AutoRechargeFailed;
import io.imcredits.subscription.PublishedEvents.AutoRechargeSkipped;
import io.imcredits.subscription.PublishedEvents.AutoRechargeStarted;
import io.imcredits.subscription.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Auto-recharge (issue 19): when credits-service reports that a customer's balance crossed its threshold
 * (AutoRechargeTriggered), buy the configured IM credits through the purchase saga, exactly as a partner's quote and
 * confirmation would (the same pricing and fee, the same LicenseUpdateRequested and CreditsPurchased), once per crossing
 * (Idempotency-Key "auto-recharge:" + crossingId), within the monthly caps. Three failed orders in a row turn it off; a
 * new card retries the last failed crossing. Locks: subscription first, then settings and orders, as everywhere here.
 */
@ApplicationScoped
public class AutoRecharges {

    public static final String MONTHLY_CAP_REACHED = "MONTHLY_CAP_REACHED";
    public static final String RETRY_LIMIT_REACHED = "RETRY_LIMIT_REACHED";
    public static final String SUBSCRIPTION_NOT_ACTIVE = "SUBSCRIPTION_NOT_ACTIVE";
    /** Another order of the customer (a partner's, a renewal) waits for its payment: one order at a time per customer. */
    public static final String ORDER_PENDING = "ORDER_PENDING";
    /** The reason of an AutoRechargeFailed without an order: the quote was refused (e.g. no credit price in the currency). */
    public static final String QUOTE_REFUSED = "QUOTE_REFUSED";

    /** Failed automatic orders in a row that turn auto-recharge off. */
    public static final int MAX_FAILURES_IN_A_ROW = 3;
    /** Automatic orders per customer per UTC day beyond which a new card does not retry. */
    public static final int MAX_ATTEMPTS_PER_DAY = 3;
    /** The automatic orders GET lists. */
    public static final int RECENT = 10;
    /** A crossingId longer than this is not credits-service's (the Idempotency-Key column holds 200). */
    public static final int MAX_CROSSING_ID = 150;
    static final String KEY_PREFIX = "auto-recharge:";
    /** The subject auto-recharge quotes and confirms as, for the customer's partner. */
    static final String SUBJECT = "auto-recharge";

    /** A PUT: money as amount and currency (null: the customer's), caps null when not set. */
    public record Change(boolean enabled, BigDecimal threshold, String thresholdCurrency, int credits, Integer monthlyMaxRecharges,
            BigDecimal monthlyMaxAmount, String monthlyMaxAmountCurrency) {}

    /** The automatic orders of a UTC calendar month that count against the caps (COMPLETED or PENDING_PAYMENT) and their totals. */
    public record Usage(YearMonth month, int recharges, Money amount) {}

    /** What GET answers: the settings (defaults, version 0, for a customer who never set any), this month's usage, the last orders. */
    public record Overview(AutoRechargeSettings settings, Usage usage, List<LicenseOrder> recent) {}

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final LicenseUpdates licenseUpdates;
    private final SubscriptionConfig config;
    private final Clock clock;

    AutoRecharges(Outbox outbox, Subscriptions subscriptions, LicenseUpdates licenseUpdates, SubscriptionConfig config, Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.licenseUpdates = licenseUpdates;
        this.config = config;
        this.clock = clock;
    }

    // ---- the rule, with no database and no clock ----

    /**
     * Why one more automatic order must not be made (empty: make it). standing first, then the monthly caps (one more order
     * over monthlyMaxRecharges, or the month's amount plus this total over monthlyMaxAmount), then, for a retry, the daily
     * attempts. total: null when it could not be priced (the amount cap is then left to the pricing's own failure).
     * attemptsToday: null for a crossing's first order (the daily limit is the retries'), else the automatic orders made today.
     */
    static Optional<String> skipReason(Subscription.Status standing, Integer monthlyMaxRecharges, Money monthlyMaxAmount, Usage usage,
            Money total, Long attemptsToday) {
        if (standing != Subscription.Status.ACTIVE) return Optional.of(SUBSCRIPTION_NOT_ACTIVE);
        if (monthlyMaxRecharges != null && usage.recharges() + 1 > monthlyMaxRecharges) return Optional.of(MONTHLY_CAP_REACHED);
        if (monthlyMaxAmount != null && total != null && monthlyMaxAmount.isLessThan(usage.amount().plus(total))) {
            return Optional.of(MONTHLY_CAP_REACHED);
        }
        if (attemptsToday != null && attemptsToday >= MAX_ATTEMPTS_PER_DAY) return Optional.of(RETRY_LIMIT_REACHED);
        return Optional.empty();
    }

    /** Whether this many failed automatic orders in a row turn auto-recharge off. */
    static boolean disables(int failuresInARow) {
        return failuresInARow >= MAX_FAILURES_IN_A_ROW;
    }

    // ---- the settings API ----

    public Overview get(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = Subscriptions.subscriptionOf(customerId);
        AutoRechargeSettings settings = AutoRechargeSettings.findOf(customerId)
                .orElseGet(() -> AutoRechargeSettings.defaults(customerId, subscription.currency, config.credits().minPerOrder()));
        return overview(settings, subscription.currency);
    }

    /**
     * Replaces the settings: each accepted change bumps the version and publishes AutoRechargeConfigured in the same
     * transaction; a refused one changes nothing. Enabling again clears failuresInARow and disabledReason.
     */
    @Transactional
    public Overview configure(Caller caller, UUID customerId, Change change) {
        CustomerOwner owner = CustomerOwner.visibleTo(caller, customerId);
        Subscription subscription = Subscription.lockOf(customerId)
                .orElseThrow(() -> new NotFound("Customer " + customerId + " has no subscription yet"));
        String currency = subscription.currency;
        validate(change, currency);
        AutoRechargeSettings settings = AutoRechargeSettings.lockOf(customerId).orElse(null);
        boolean created = settings == null;
        if (created) settings = AutoRechargeSettings.defaults(customerId, currency, change.credits());
        if (change.enabled() && !settings.enabled) {
            settings.failuresInARow = 0;
            settings.disabledReason = null;
        }
        settings.enabled = change.enabled();
        settings.currency = currency;
        settings.threshold = Money.of(change.threshold(), currency).amount();
        settings.credits = change.credits();
        settings.monthlyMaxRecharges = change.monthlyMaxRecharges();
        settings.monthlyMaxAmount = change.monthlyMaxAmount() == null ? null : Money.of(change.monthlyMaxAmount(), currency).amount();
        settings.version++;
        settings.updatedAt = clock.instant();
        if (created) settings.persist();
        outbox.publish(owner.partnerId, customerId, null,
                new AutoRechargeConfigured(customerId, settings.enabled, settings.threshold(), settings.version));
        Log.infof("Auto-recharge of customer %s %s: below %s buy %d credits (version %d)", customerId, settings.enabled ? "enabled" : "disabled",
                settings.threshold(), settings.credits, settings.version);
        return overview(settings, currency);
    }

    private void validate(Change change, String currency) {
        if (change.threshold().signum() < 0) throw new Invalid("threshold.amount", "must be 0 or more, not " + change.threshold().toPlainString());
        int min = config.credits().minPerOrder();
        int max = config.credits().maxPerOrder();
        if (change.credits() < min || change.credits() > max) {
            throw new Invalid("credits", "must be a whole number between " + min + " and " + max + " per order (as a manual order), not "
                    + change.credits());
        }
        Integer recharges = change.monthlyMaxRecharges();
        if (recharges != null && (recharges < 1 || recharges > 1000)) {
            throw new Invalid("monthlyMaxRecharges", "must be between 1 and 1000, not " + recharges);
        }
        if (change.monthlyMaxAmount() != null && change.monthlyMaxAmount().signum() <= 0) {
            throw new Invalid("monthlyMaxAmount.amount", "must be more than 0, not " + change.monthlyMaxAmount().toPlainString());
        }
        if (change.enabled() && recharges == null && change.monthlyMaxAmount() == null) {
            throw new Invalid("monthlyMaxRecharges", "set a monthly cap: monthlyMaxRecharges or monthlyMaxAmount");
        }
        atMostMaxScale("threshold.amount", change.threshold());
        atMostMaxScale("monthlyMaxAmount.amount", change.monthlyMaxAmount());
        sameCurrency("threshold.currency", change.thresholdCurrency(), currency);
        if (change.monthlyMaxAmount() != null) sameCurrency("monthlyMaxAmount.currency", change.monthlyMaxAmountCurrency(), currency);
    }

    private static void atMostMaxScale(String field, BigDecimal amount) {
        if (amount != null && amount.stripTrailingZeros().scale() > Money.MAX_SCALE) {
            throw new Invalid(field, "must have at most " + Money.MAX_SCALE + " decimals, not " + amount.toPlainString());
        }
    }

    private static void sameCurrency(String field, String given, String currency) {
        if (given != null && !given.equals(currency)) {
            throw new Unprocessable(field, "The customer pays in " + currency + ": auto-recharge amounts are in " + currency + ", not " + given);
        }
    }

    private Overview overview(AutoRechargeSettings settings, String currency) {
        return new Overview(settings, usage(settings.customerId, currency, clock.instant()),
                LicenseOrder.automaticOf(settings.customerId).page(0, RECENT).list());
    }

    /** The automatic orders of now's UTC month that count against the caps: COMPLETED or PENDING_PAYMENT, by when they were made. */
    Usage usage(UUID customerId, String currency, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Object[] row = LicenseOrder.getEntityManager().createQuery("""
                select count(o), coalesce(sum(o.quote.total), 0) from LicenseOrder o
                where o.customerId = :customer and o.automatic = true and o.status in :counted
                  and o.createdAt >= :from and o.createdAt < :to""", Object[].class)
                .setParameter("customer", customerId)
                .setParameter("counted", List.of(LicenseOrder.Status.COMPLETED, LicenseOrder.Status.PENDING_PAYMENT))
                .setParameter("from", month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter("to", month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .getSingleResult();
        return new Usage(month, ((Number) row[0]).intValue(), Money.of(new BigDecimal(row[1].toString()), currency));
    }

    // ---- the saga's side ----

    /** credits-service saw the balance cross the threshold: one order for the crossing, unless the rule says no. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void triggered(UUID customerId, String crossingId) {
        Subscription subscription = Subscription.lockOf(customerId).orElse(null);
        AutoRechargeSettings settings = subscription == null ? null : AutoRechargeSettings.lockOf(customerId).orElse(null);
        if (settings == null || !settings.enabled) {
            Log.infof("AutoRechargeTriggered for customer %s (crossing %s): auto-recharge is not enabled, nothing bought", customerId, crossingId);
            return;
        }
        CustomerOwner owner = CustomerOwner.findById(customerId);
        String key = KEY_PREFIX + crossingId;
        if (IdempotencyKey.find(owner.partnerId, key) != null) {
            Log.infof("Crossing %s of customer %s already has its order: nothing new bought", crossingId, customerId);
            return;
        }
        attempt(subscription, settings, owner, crossingId, key, false);
    }

    /** A new card on file: the last failed crossing is tried once more at once, if auto-recharge is still on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cardUpdated(UUID customerId) {
        Subscription subscription = Subscription.lockOf(customerId).orElse(null);
        AutoRechargeSettings settings = subscription == null ? null : AutoRechargeSettings.lockOf(customerId).orElse(null);
        if (settings == null || !settings.enabled) return;
        LicenseOrder last = LicenseOrder.automaticOf(customerId).firstResult();
        if (last == null || last.status != LicenseOrder.Status.FAILED) return;
        CustomerOwner owner = CustomerOwner.findById(customerId);
        String key = KEY_PREFIX + last.crossingId + ":retry:" + LicenseOrder.automaticFor(customerId, last.crossingId);
        if (IdempotencyKey.find(owner.partnerId, key) != null) return;
        Log.infof("A new card for customer %s: crossing %s, whose order %s failed (%s), is tried again", customerId, last.crossingId, last.id,
                last.failureReason);
        attempt(subscription, settings, owner, last.crossingId, key, true);
    }

    /** An automatic order completed or failed (LicenseUpdates calls this for automatic orders only, the subscription locked). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderEnded(LicenseOrder order) {
        AutoRechargeSettings settings = AutoRechargeSettings.lockOf(order.customerId).orElse(null);
        if (settings == null) return;
        if (order.status == LicenseOrder.Status.COMPLETED) {
            settings.failuresInARow = 0;
            settings.updatedAt = clock.instant();
            outbox.publish(order.partnerId, order.customerId, order.id,
                    new AutoRechargeCompleted(order.customerId, order.id, order.quote.imCredits, order.quote.total()));
            Log.infof("Auto-recharge order %s of customer %s completed: %d credits", order.id, order.customerId, order.quote.imCredits);
        } else if (order.status == LicenseOrder.Status.FAILED) {
            failed(settings, order.partnerId, order.id, order.crossingId, order.failureReason);
        }
    }

    private void attempt(Subscription subscription, AutoRechargeSettings settings, CustomerOwner owner, String crossingId, String key,
            boolean retry) {
        UUID customerId = subscription.customerId;
        Instant now = clock.instant();
        QuotePricing.Change change = new QuotePricing.Change(null, null, Map.of(), settings.credits);
        Money total = null;
        Unprocessable refused = null;
        try {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            total = new QuotePricing(subscriptions.catalog()).quote(subscription.current(), change, today).total();
        } catch (Unprocessable e) {
            refused = e;
        }
        Usage usage = usage(customerId, subscription.currency, now);
        Long attemptsToday = null;
        if (retry) {
            Instant dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            attemptsToday = LicenseOrder.automaticBetween(customerId, dayStart, dayStart.plusSeconds(86_400));
        }
        Optional<String> skip = skipReason(subscription.status, settings.monthlyMaxRecharges, settings.monthlyMaxAmount(), usage, total,
                attemptsToday);
        if (skip.isEmpty() && LicenseOrder.pendingFor(customerId)) skip = Optional.of(ORDER_PENDING);
        if (skip.isPresent()) {
            outbox.publish(owner.partnerId, customerId, null,
                    new AutoRechargeSkipped(customerId, crossingId, skip.get(), usage.recharges(), usage.amount()));
            Log.infof("Auto-recharge of customer %s skipped for crossing %s: %s (%d recharges, %s this month)", customerId, crossingId,
                    skip.get(), usage.recharges(), usage.amount());
            return;
        }
        if (refused != null) {
            Log.warnf("Auto-recharge of customer %s for crossing %s cannot be priced: %s", customerId, crossingId, refused.getMessage());
            failed(settings, owner.partnerId, null, crossingId, QUOTE_REFUSED);
            return;
        }
        // the same quote and confirmation a partner makes, as the customer's partner
        Caller partner = new Caller(SUBJECT, Optional.of(owner.partnerId), Optional.empty(), false);
        Quote quote = subscriptions.quote(partner, customerId, change);
        LicenseOrder order = licenseUpdates.confirmAutomatic(partner, customerId, quote.id, key, crossingId);
        outbox.publish(owner.partnerId, customerId, order.id,
                new AutoRechargeStarted(customerId, order.id, crossingId, quote.imCredits, quote.total()));
        Log.infof("Auto-recharge of customer %s for crossing %s%s: order %s, %d credits, %s", customerId, crossingId, retry ? " (retry)" : "",
                order.id, quote.imCredits, quote.total());
    }

    /** One more failure in a row; the third turns auto-recharge off (AutoRechargeDisabled, then AutoRechargeConfigured so credits disarms). */
    private void failed(AutoRechargeSettings settings, UUID partnerId, UUID orderId, String crossingId, String reason) {
        UUID customerId = settings.customerId;
        settings.failuresInARow++;
        settings.updatedAt = clock.instant();
        boolean disable = settings.enabled && disables(settings.failuresInARow);
        outbox.publish(partnerId, customerId, orderId,
                new AutoRechargeFailed(customerId, orderId, crossingId, reason, settings.failuresInARow, settings.enabled && !disable));
        Log.infof("Auto-recharge of customer %s failed for crossing %s (order %s): %s, %d in a row", customerId, crossingId, orderId, reason,
                settings.failuresInARow);
        if (!disable) return;
        settings.enabled = false;
        settings.disabledReason = AutoRechargeSettings.FAILURES_IN_A_ROW;
        settings.version++;
        outbox.publish(partnerId, customerId, null,
                new AutoRechargeDisabled(customerId, AutoRechargeSettings.FAILURES_IN_A_ROW, settings.failuresInARow));
        outbox.publish(partnerId, customerId, null, new AutoRechargeConfigured(customerId, false, settings.threshold(), settings.version));
        Log.warnf("Auto-recharge of customer %s disabled after %d failed orders in a row", customerId, settings.failuresInARow);
    }
}
