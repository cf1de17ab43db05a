package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Usage beyond prepaid credits (PostpaidUsageRecorded), charged when its billing period closes. */
@Entity
@Table(name = "postpaid_usage")
public class PostpaidUsage extends PanacheEntityBase {

    @Id
    @Column(name = "usage_id")
    public UUID usageId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "message_id")
    public String messageId;

    public BigDecimal amount;

    public String currency;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** Set once the usage is on a period's charge. */
    @Column(name = "charge_id")
    public UUID chargeId;

    public Money money() {
        return Money.of(amount, currency);
    }

    /** Customers with usage recorded before the end of the period and not yet charged. */
    public static List<UUID> customersWithUnbilled(Instant periodEnd) {
        return find("select distinct customerId from PostpaidUsage where chargeId is null and recordedAt < ?1", periodEnd)
                .project(UUID.class).list();
    }

    public static List<PostpaidUsage> unbilled(UUID customerId, Instant periodEnd) {
        return list("customerId = ?1 and chargeId is null and recordedAt < ?2 order by recordedAt, usageId", customerId, periodEnd);
    }
}
