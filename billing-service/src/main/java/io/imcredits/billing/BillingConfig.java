package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of billing (timings of the gateway calls themselves are fault-tolerance settings). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** How often the charge worker looks for due retries and abandoned attempts (it also wakes on every new charge). */
    @WithDefault("5s")
    Duration chargePollInterval();

    /**
     * A charge left CHARGING this long (its worker died mid-call) is attempted again with the same idempotency key.
     * Must be longer than one gateway call with all its retries (checked at start-up), or a live call could be
     * claimed a second time by another instance.
     */
    @WithDefault("60s")
    Duration chargeStaleAfter();

    /**
     * The waits before each retry of a failed post-paid charge (after an hour, then a day, three days and a week);
     * its length is the number of retries. After the last one the charge is left FAILED (still past due). A new
     * card on file makes a charge waiting for its retry due at once.
     */
    @WithDefault("PT1H,P1D,P3D,P7D")
    List<Duration> postpaidRetrySchedule();

    /**
     * A closed post-paid period whose amount (rounded to whole minor units) is below this is not charged: it is
     * carried to the next period. One amount, read in the invoice's currency (Stripe's minimum is 0.50 USD).
     */
    @WithDefault("0.50")
    BigDecimal minimumCharge();

    /**
     * When the month before closes (a Quartz-style cron, UTC): by default five past midnight on the 1st. Read by
     * the scheduler; one instance closes, the others skip it.
     */
    @WithDefault("0 5 0 1 * ?")
    String periodCloseCron();

    /** Who issues the invoices, as printed on each of them. */
    Seller seller();

    /**
     * Tax rate in percent by billing country (the card's, ISO alpha-2), e.g. billing.tax-rate."DE"=19; none by
     * default. Prices include it: the invoice shows the tax contained in its total, which is what the order agreed.
     */
    Map<String, BigDecimal> taxRate();

    interface Seller {
        @WithDefault("IM Credits Demo Ltd")
        String name();

        @WithDefault("1 Example Street, London EC1A 1AA, United Kingdom")
        String address();

        @WithDefault("GB123456789")
        String taxId();

        @WithDefault("billing@imcredits.example")
        String email();
    }
}
