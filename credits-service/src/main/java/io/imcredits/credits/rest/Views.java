package io.imcredits.credits.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.CreditAccount;
import io.imcredits.credits.CreditLot;
import io.imcredits.credits.Hold;
import io.imcredits.credits.LedgerEntry;
import io.imcredits.credits.Money;
import io.imcredits.credits.RateCardEntry;

/** What the credits API answers. */
final class Views {

    private Views() {}

    /**
     * expiring: the part of the balance that carries an expiry date (see /expiring for the dates). postpaidUsed: the
     * post-paid usage of postpaidPeriod (this month, UTC; billed by billing, not taken from available), up to postpaidAllowance.
     * standing: the subscription's (ACTIVE, PAST_DUE, SUSPENDED, CANCELLED); the allowance is usable only while ACTIVE.
     * autoRechargeThreshold: the line below which subscription-service buys credits (its auto-recharge settings, read-only
     * here); null while auto-recharge is off.
     */
    record Balance(UUID customerId, Money available, Money held, Money expiring, Money lowBalanceThreshold, String status, Instant updatedAt,
            Money postpaidUsed, Money postpaidAllowance, String postpaidPeriod, String standing, Money autoRechargeThreshold) {
        /** now: the time the post-paid period is read at. */
        static Balance from(CreditAccount a, Instant now) {
            return new Balance(a.customerId, a.availableMoney(), a.heldMoney(), a.expiringMoney(), a.threshold(), a.status().name(),
                    a.updatedAt, new Money(a.postpaidUsedIn(now), a.currency), new Money(a.overageLimit, a.currency),
                    YearMonth.from(CreditAccount.period(now)).toString(), a.standing.name(), a.autoRechargeThresholdMoney());
        }
    }

    record Lot(String reference, Money granted, Money remaining, Instant expiresAt, Instant grantedAt) {
        static Lot from(CreditLot l, String currency) {
            return new Lot(l.reference, l.grantedMoney(currency), l.remainingMoney(currency), l.expiresAt, l.createdAt);
        }
    }

    /** postpaid: a debit's part that went to post-paid usage (billed; amount is what the prepaid balance paid), usageId its usage. */
    record Entry(long seq, String type, Money amount, Money balanceAfter, String reference, String description, Instant createdAt,
            Money postpaid, UUID usageId) {
        static Entry from(LedgerEntry e, String currency) {
            return new Entry(e.seq, e.type.name(), new Money(e.amount, currency), new Money(e.balanceAfter, currency), e.reference,
                    e.description, e.createdAt, new Money(e.postpaid, currency), e.usageId);
        }
    }

    record HoldView(UUID id, String messageId, Money amount, String status, Money spent, Instant expiresAt, Instant createdAt) {
        static HoldView from(Hold h) {
            return new HoldView(h.id, h.messageId, h.amountMoney(), h.status.name(), h.spentMoney(), h.expiresAt, h.createdAt);
        }
    }

    record Rate(String channel, String country, String category, Money price, Instant effectiveFrom) {
        static Rate from(RateCardEntry r) {
            return new Rate(r.channel.name(), r.country, r.category.name(), new Money(r.price, r.currency), r.effectiveFrom);
        }
    }

    /** The spend per UTC day, oldest first (a day without any: zero), and the sum of them all. */
    record Spend(List<SpendDay> days, Money total) {
        static Spend from(Accounts.Spending spending) {
            List<SpendDay> days = spending.days().stream()
                    .map(day -> new SpendDay(day.day(), new Money(day.spent(), spending.currency()), day.messages())).toList();
            BigDecimal total = spending.days().stream().map(LedgerEntry.DaySpend::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Spend(days, new Money(total, spending.currency()));
        }
    }

    /** spent: what the day's messages cost (prepaid and post-paid), net of refunds; messages: how many were charged. */
    record SpendDay(LocalDate date, Money spent, long messages) {}
}
