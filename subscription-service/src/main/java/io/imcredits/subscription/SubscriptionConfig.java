package io.imcredits.subscription;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Business settings of subscription-service (prefix "subscription"): every default is here, once;
 * application.properties sets only what has none (the credit prices) or differs from it.
 */
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

    /**
     * How often the renewal job looks for periods that ended and retries that are due (read by its @Scheduled);
     * "off" never (tests run renewals through POST /api/renewals/run).
     */
    @WithDefault("1m")
    String renewalCheck();

    interface Trial {
        /** A new customer's first period: free, on the registered plan with at most max-agents licenses. */
        @WithDefault("P15D")
        Duration length();

        /** The most agent licenses a trial has; more are bought by a license update. */
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

        /** The fee on the credits' balance, in percent; rounded half up once, to the minor unit. */
        @WithDefault("3")
        BigDecimal feePercent();

        /** The fewest whole credits one order buys. */
        @WithDefault("10")
        int minPerOrder();

        /** The most whole credits one order buys. */
        @WithDefault("10000")
        int maxPerOrder();

        /** How long purchased credits can be spent, from the day the order completes; unset: they never expire. */
        Optional<Duration> validFor();
    }
}
