package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "credits")
public interface CreditsConfig {

    /** How long a hold may stay open before the sweep releases it. */
    @WithDefault("15m")
    Duration holdTtl();

    /**
     * The post-paid allowance of a customer with the post-paid IM add-on: how much usage beyond its prepaid balance
     * it may run up in one billing period (calendar month, UTC), in its own currency.
     */
    @WithDefault("50.0000")
    BigDecimal postpaidOverageLimit();

    /** How long after its debit an undelivered message can be refunded (WhatsApp's delivery window is 72 hours). */
    @WithDefault("72h")
    Duration refundWindow();

    /** How often the sweep looks for expired holds (read by HoldSweep's schedule). */
    @WithDefault("30s")
    Duration holdSweepInterval();

    /** How often the sweep looks for credits whose expiry date has come (read by ExpirySweep's schedule). */
    @WithDefault("1m")
    Duration expirySweepInterval();

    /** How often each instance reloads the rate card, to see rates other instances published. */
    @WithDefault("5m")
    Duration rateCardReload();

    /**
     * How many group-commit lanes share the accounts (by customer id): concurrent debits on one lane are applied
     * in one transaction, the lanes run side by side. More lanes, smaller batches and more commits.
     */
    @WithDefault("4")
    int debitLanes();

    /**
     * How many ledger exports (CSV) may run at once on one instance: each holds a database connection while the
     * client reads it. Beyond it, 429 with Retry-After.
     */
    @WithDefault("2")
    int ledgerExports();

    /**
     * How fast one token (one Desk, partner or ops subject) may debit: beyond it, 429 with Retry-After. No sender
     * needs more than WhatsApp's highest tier: beyond it is a runaway client.
     */
    DebitRateLimit debitRateLimit();

    interface DebitRateLimit {

        /** Debits per second, on average: WhatsApp's highest throughput tier for one number is 1,000 messages a second. */
        @WithDefault("1000")
        double perSecond();

        /** Debits at once after a quiet spell. */
        @WithDefault("2000")
        int burst();
    }
}
