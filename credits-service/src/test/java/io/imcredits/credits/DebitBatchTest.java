package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.imcredits.credits.DebitBatch.Applied;
import io.imcredits.credits.DebitBatch.Refused;
import io.imcredits.credits.DebitBatch.Repeated;
import io.imcredits.credits.DebitBatch.Request;

/** The group commit's rule: in order, each against what the ones before it left; a key spends once. */
class DebitBatchTest {

    static final BigDecimal ZERO = new BigDecimal("0.0000");

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Request request(String key, String price) {
        return new Request(key, d(price));
    }

    @Test
    void shouldApplyDebitsInOrderEachFromTheBalanceTheOnesBeforeLeft() {
        var plan = DebitBatch.plan(d("1.0000"), BigDecimal.ZERO, BigDecimal.ZERO,
                List.of(request("a", "0.2500"), request("b", "0.0107"), request("c", "0.7393")), Map.of());

        assertEquals(List.of(new Applied(d("1.0000"), d("0.7500"), ZERO), new Applied(d("0.7500"), d("0.7393"), ZERO),
                new Applied(d("0.7393"), d("0.0000"), ZERO)), plan.outcomes());
        assertEquals(d("0.0000"), plan.after());
        assertEquals(d("-1.0000"), plan.delta(d("1.0000")));
    }

    @Test
    void shouldRefuseOnlyTheDebitsTheBalanceNoLongerCoversAndKeepGoing() {
        var plan = DebitBatch.plan(d("0.5000"), BigDecimal.ZERO, BigDecimal.ZERO,
                List.of(request("a", "0.3000"), request("b", "0.3000"), request("c", "0.2000"), request("d", "0.0100")), Map.of());

        assertEquals(List.of(new Applied(d("0.5000"), d("0.2000"), ZERO), new Refused(d("0.2000")),
                new Applied(d("0.2000"), d("0.0000"), ZERO), new Refused(d("0.0000"))), plan.outcomes());
        assertEquals(d("0.0000"), plan.after());
    }

    @Test
    void shouldAnswerAKeyAlreadyInTheLedgerWithItsFirstDebitAndSpendNothing() {
        Repeated first = new Repeated(d("-0.0250"), ZERO, d("9.9750"));
        var plan = DebitBatch.plan(d("5.0000"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(request("a", "0.0250"), request("b", "0.0250")),
                Map.of("a", first));

        assertEquals(List.of(first, new Applied(d("5.0000"), d("4.9750"), ZERO)), plan.outcomes());
        assertEquals(d("4.9750"), plan.after());
    }

    @Test
    void shouldAnswerADuplicateInTheSameBatchWithTheFirstOne() {
        var plan = DebitBatch.plan(d("1.0000"), BigDecimal.ZERO, BigDecimal.ZERO,
                List.of(request("a", "0.1000"), request("b", "0.1000"), request("a", "0.1000")), Map.of());

        assertEquals(List.of(new Applied(d("1.0000"), d("0.9000"), ZERO), new Applied(d("0.9000"), d("0.8000"), ZERO),
                new Repeated(d("-0.1000"), ZERO, d("0.9000"))), plan.outcomes());
        assertEquals(d("0.8000"), plan.after());
    }

    @Test
    void shouldLetARefusedKeyBeTriedAgainLaterInTheBatch() {
        // a refused debit spent nothing: the same message id is still new, and is judged again on its own turn
        var plan = DebitBatch.plan(d("0.1000"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(request("a", "0.2000"), request("a", "0.2000")), Map.of());

        assertEquals(List.of(new Refused(d("0.1000")), new Refused(d("0.1000"))), plan.outcomes());
        assertEquals(d("0.1000"), plan.after());
    }

    @Test
    void shouldSplitADebitTheBalanceCannotCoverIntoPrepaidAndPostpaidWithinTheAllowance() {
        // 0.0500 prepaid, then post-paid up to the period's allowance of 0.1000 (0.0200 already used this month)
        var plan = DebitBatch.plan(d("0.0500"), d("0.1000"), d("0.0200"),
                List.of(request("a", "0.1000"), request("b", "0.0300"), request("c", "0.0100"), request("d", "0.0000")), Map.of());

        assertEquals(List.of(new Applied(d("0.0500"), d("0.0000"), d("0.0500")), new Applied(d("0.0000"), d("0.0000"), d("0.0300")),
                new Refused(d("0.0000")), new Applied(d("0.0000"), d("0.0000"), d("0.0000"))), plan.outcomes());
        assertEquals(d("0.0000"), plan.after(), "the prepaid balance never goes below zero");
        assertEquals(d("0.0800"), plan.postpaid());
        assertEquals(new Repeated(d("-0.0500"), d("0.0500"), d("0.0000")),
                DebitBatch.plan(d("0.0000"), d("0.1000"), ZERO, List.of(request("a", "0.1000")), Map.of("a",
                        new Repeated(d("-0.0500"), d("0.0500"), d("0.0000")))).outcomes().get(0),
                "a repeat answers the first split");
    }

    @Test
    void shouldRefuseAnyPostpaidPartWithoutTheAllowance() {
        var plan = DebitBatch.plan(d("0.0500"), ZERO, ZERO, List.of(request("a", "0.0600"), request("b", "0.0500")), Map.of());

        assertEquals(List.of(new Refused(d("0.0500")), new Applied(d("0.0500"), d("0.0000"), ZERO)), plan.outcomes());
        assertEquals(ZERO, plan.postpaid().setScale(4));
    }

    @Test
    void shouldChangeNothingWhenEveryDebitIsRefusedOrRepeated() {
        var plan = DebitBatch.plan(d("0.0000"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(request("a", "0.0100"), request("b", "0.0100")),
                Map.of("b", new Repeated(d("-0.0100"), ZERO, d("0.0000"))));

        assertEquals(d("0.0000"), plan.delta(d("0.0000")));
    }
}
