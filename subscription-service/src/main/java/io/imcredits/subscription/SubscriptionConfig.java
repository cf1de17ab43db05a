package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of subscription-service (application.properties, prefix "subscription"). */
@ConfigMapping(prefix = "subscription")
public interface SubscriptionConfig {

    /** The plan a customer gets when CustomerRegistered names none (or one we do not sell). */
    @WithDefault("STANDARD")
    String defaultPlan();

    /** How long a quote can be confirmed. */
    @WithDefault("15m")
    Duration quoteTtl();

    /** An order still waiting for its payment after this long is failed as PAYMENT_TIMEOUT. */
    @WithDefault("10m")
    Duration orderTimeout();

    /** How often the timeout job looks for overdue orders (read by its @Scheduled). */
    @WithDefault("30s")
    Duration orderTimeoutCheck();

    Credits credits();

    Trial trial();

    Dunning dunning();

    /** How often the renewal job looks for periods that ended and retries that are due (read by its @Scheduled). */
    @WithDefault("1m")
    String renewalCheck();

    interface Trial {
        /** A new customer's first period: free, on the registered plan with at most max-agents licenses. */
        @WithDefault("P15D")
        Duration length();

        @WithDefault("5")
        int maxAgents();
    }

    interface Dunning {
        /** After a failed renewal attempt, the wait before the next one; when they are used up the customer is SUSPENDED. */
        @WithDefault("PT1H,P1D,P3D,P7D")
        List<Duration> retrySchedule();
    }

    interface Credits {
        /** Messaging balance one credit buys, per currency code (subscription.credits.price.USD=2.00). */
        Map<String, BigDecimal> price();

        @WithDefault("3")
        BigDecimal feePercent();

        @WithDefault("10")
        int minPerOrder();

        @WithDefault("10000")
        int maxPerOrder();

        /** How long purchased credits can be spent, from the day the order completes; unset: they never expire. */
        Optional<Duration> validFor();
    }
}
