package io.imcredits.credits.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.CreditAccount;
import io.imcredits.credits.Grant;
import io.imcredits.credits.Money;
import io.imcredits.credits.outbox.EventEnvelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this service learns from subscription-service: paid credits, the post-paid add-on, the subscription's
 * standing and the auto-recharge threshold. Failures are dead-lettered.
 */
@ApplicationScoped
public class SubscriptionEvents {

    /** expiresAt: when the purchased credits can no longer be spent; absent when they never expire. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreditsPurchased(UUID orderId, UUID customerId, long credits, Money amount, Instant expiresAt) {

        Grant toGrant(UUID partnerId, UUID correlationId) {
            return new Grant(orderId, customerId, partnerId, correlationId, credits, amount, expiresAt);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenseUpdated(UUID orderId, UUID customerId, List<AddOn> addOns) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record AddOn(String code, String kind, int quantity) {}

        /** Whether the post-paid IM add-on is on after this update. */
        public boolean postpaid() {
            return addOns != null && addOns.stream().anyMatch(addOn -> "POSTPAID".equals(addOn.kind()) && addOn.quantity() > 0);
        }
    }

    /** standing and previous: ACTIVE, PAST_DUE, SUSPENDED or CANCELLED; reason: why, for the log. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscriptionStandingChanged(UUID customerId, CreditAccount.Standing standing, CreditAccount.Standing previous,
            String reason) {}

    /**
     * subscription-service's auto-recharge settings: threshold is the line (null or ignored when disabled); version grows
     * with each change of the settings, and one not newer than the account's is ignored.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AutoRechargeConfigured(UUID customerId, Boolean enabled, Money threshold, Integer version) {}

    private final Inbox inbox;
    private final Accounts accounts;

    SubscriptionEvents(Inbox inbox, Accounts accounts) {
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @Incoming("subscription-events")
    @Blocking
    public void on(String record) {
        inbox.receive(record, this::apply);
    }

    void apply(EventEnvelope event) {
        switch (event.type()) {
            case "CreditsPurchased" -> accounts.grant(event.data(CreditsPurchased.class).toGrant(event.partnerId(), event.correlationId()));
            case "LicenseUpdated" -> accounts.postpaid(event.customerId(), event.data(LicenseUpdated.class).postpaid());
            case "SubscriptionStandingChanged" -> {
                SubscriptionStandingChanged changed = event.data(SubscriptionStandingChanged.class);
                if (changed.standing() == null) throw new IllegalArgumentException("SubscriptionStandingChanged lacks data.standing");
                accounts.standing(event.customerId(), changed.standing(), changed.reason());
            }
            case "AutoRechargeConfigured" -> {
                AutoRechargeConfigured configured = event.data(AutoRechargeConfigured.class);
                if (configured.enabled() == null || configured.version() == null) {
                    throw new IllegalArgumentException("AutoRechargeConfigured lacks data.enabled or data.version");
                }
                accounts.autoRecharge(event.customerId(), event.partnerId(), event.correlationId(), configured.enabled(),
                        configured.threshold(), configured.version());
            }
            default -> {
            } // other types of the topic are not for this service
        }
    }
}
