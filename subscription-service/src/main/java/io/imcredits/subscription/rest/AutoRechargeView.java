package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.imcredits.subscription.AutoRechargeSettings;
import io.imcredits.subscription.AutoRecharges;
import io.imcredits.subscription.LicenseOrder;
import io.imcredits.subscription.Money;

/**
 * A customer's auto-recharge: its settings, version (0: never configured), this UTC month's recharges that count against
 * the caps, and the last automatic orders.
 */
public record AutoRechargeView(UUID customerId, boolean enabled, Money threshold, int credits, Integer monthlyMaxRecharges,
        Money monthlyMaxAmount, int failuresInARow, String disabledReason, int version, String month, int rechargesThisMonth,
        Money amountThisMonth, List<Recent> recent) {

    public record Recent(UUID orderId, String crossingId, String status, String failureReason, int credits, Money total, Instant createdAt) {}

    static AutoRechargeView from(AutoRecharges.Overview overview) {
        AutoRechargeSettings s = overview.settings();
        return new AutoRechargeView(s.customerId, s.enabled, s.threshold(), s.credits, s.monthlyMaxRecharges, s.monthlyMaxAmount(),
                s.failuresInARow, s.disabledReason, s.version, overview.usage().month().toString(), overview.usage().recharges(),
                overview.usage().amount(), overview.recent().stream().map(AutoRechargeView::recent).toList());
    }

    private static Recent recent(LicenseOrder o) {
        return new Recent(o.id, o.crossingId, o.status.name(), o.failureReason, o.quote.imCredits, o.quote.total(), o.createdAt);
    }
}
