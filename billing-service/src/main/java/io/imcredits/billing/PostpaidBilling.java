package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.imcredits.billing.Charging.ChargeRequested;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Post-paid usage: recorded as credits-service reports it, and charged once per customer and
 * billing period (calendar month, UTC) with an itemized invoice. The charge itself goes through
 * the same worker as orders, so a failed one is retried and the customer shows as past due.
 */
@ApplicationScoped
public class PostpaidBilling {

    /** A customer's charge for a closed period. */
    public record PeriodCharge(UUID chargeId, UUID customerId, Money total, int lines) {
    }

    private final Event<ChargeRequested> requested;

    PostpaidBilling(Event<ChargeRequested> requested) {
        this.requested = requested;
    }

    /** In the consumer's transaction; the usage id makes a repeated report harmless. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID usageId, UUID customerId, UUID partnerId, String messageId, Money amount, Instant recordedAt) {
        if (PostpaidUsage.findById(usageId) != null) {
            Log.infof("Post-paid usage %s already recorded", usageId);
            return;
        }
        if (amount.amount().signum() <= 0) throw new IllegalArgumentException("Post-paid usage " + usageId + " has no positive amount");
        PostpaidUsage usage = new PostpaidUsage();
        usage.usageId = usageId;
        usage.customerId = customerId;
        usage.partnerId = partnerId;
        usage.messageId = messageId;
        usage.amount = amount.amount();
        usage.currency = amount.currency();
        usage.recordedAt = recordedAt == null ? Instant.now() : recordedAt;
        usage.persist();
    }

    /** At the start of each month, the month before closes. */
    @Scheduled(cron = "${billing.period-close-cron:0 5 0 1 * ?}", timeZone = "UTC")
    void closeLastMonth() {
        List<PeriodCharge> charges = close(YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), null);
        Log.infof("Billing period closed: %d post-paid charges", charges.size());
    }

    /** Charges all usage recorded before periodEnd and not yet charged (of one customer, or of all). */
    @Transactional
    public List<PeriodCharge> close(Instant periodEnd, UUID onlyCustomer) {
        List<UUID> customers = onlyCustomer != null ? List.of(onlyCustomer) : PostpaidUsage.customersWithUnbilled(periodEnd);
        List<PeriodCharge> charges = new ArrayList<>();
        for (UUID customerId : customers) {
            List<PostpaidUsage> usage = PostpaidUsage.unbilled(customerId, periodEnd);
            usage.forEach(u -> PostpaidUsage.getEntityManager().lock(u, LockModeType.PESSIMISTIC_WRITE));
            Map<String, List<PostpaidUsage>> byCurrency = usage.stream()
                    .collect(Collectors.groupingBy(u -> u.currency));
            byCurrency.values().forEach(items -> charges.add(charge(customerId, items)));
        }
        return charges;
    }

    private PeriodCharge charge(UUID customerId, List<PostpaidUsage> usage) {
        String currency = usage.get(0).currency;
        List<InvoiceLine> lines = usage.stream()
                .map(u -> new InvoiceLine("POSTPAID_USAGE", "Message " + u.messageId + " on " + u.recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                        BigDecimal.ONE, u.money(), u.money()))
                .toList();
        Money total = usage.stream().map(PostpaidUsage::money).reduce(Money.zero(currency), Money::plus);
        Charge charge = Charge.pending(Charge.Kind.POSTPAID, customerId, usage.get(0).partnerId, UUID.randomUUID(), lines,
                total, Money.of(BigDecimal.ZERO, currency), total);
        charge.persist();
        usage.forEach(u -> u.chargeId = charge.id);
        requested.fire(new ChargeRequested(charge.id));
        Log.infof("Post-paid charge %s of %s for customer %s (%d usage records)", charge.id, total, customerId, usage.size());
        return new PeriodCharge(charge.id, customerId, total, lines.size());
    }
}
