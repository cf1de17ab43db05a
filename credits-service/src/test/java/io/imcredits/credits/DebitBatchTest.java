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

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Request request(String key, String price) {
        return new Request(key, d(price));
    }

    @Test
    void shouldApplyDebitsInOrderEachFromTheBalanceTheOnesBeforeLeft() {
        var plan = DebitBatch.plan(d("1.0000"), BigDecimal.ZERO,
                List.of(request("a", "0.2500"), request("b", "0.0107"), request("c", "0.7393")), Map.of());

        assertEquals(List.of(new Applied(d("1.0000"), d("0.7500")), new Applied(d("0.7500"), d("0.7393")),
                new Applied(d("0.7393"), d("0.0000"))), plan.outcomes());
        assertEquals(d("0.0000"), plan.after());
        assertEquals(d("-1.0000"), plan.delta(d("1.0000")));
    }

    @Test
    void shouldRefuseOnlyTheDebitsTheBalanceNoLongerCoversAndKeepGoing() {
        var plan = DebitBatch.plan(d("0.5000"), BigDecimal.ZERO,
                List.of(request("a", "0.3000"), request("b", "0.3000"), request("c", "0.2000"), request("d", "0.0100")), Map.of());

        assertEquals(List.of(new Applied(d("0.5000"), d("0.2000")), new Refused(d("0.2000")),
                new Applied(d("0.2000"), d("0.0000")), new Refused(d("0.0000"))), plan.outcomes());
        assertEquals(d("0.0000"), plan.after());
    }

    @Test
    void shouldAnswerAKeyAlreadyInTheLedgerWithItsFirstDebitAndSpendNothing() {
        Repeated first = new Repeated(d("-0.0250"), d("9.9750"));
        var plan = DebitBatch.plan(d("5.0000"), BigDecimal.ZERO, List.of(request("a", "0.0250"), request("b", "0.0250")),
                Map.of("a", first));

        assertEquals(List.of(first, new Applied(d("5.0000"), d("4.9750"))), plan.outcomes());
        assertEquals(d("4.9750"), plan.after());
    }

    @Test
    void shouldAnswerADuplicateInTheSameBatchWithTheFirstOne() {
        var plan = DebitBatch.plan(d("1.0000"), BigDecimal.ZERO,
                List.of(request("a", "0.1000"), request("b", "0.1000"), request("a", "0.1000")), Map.of());

        assertEquals(List.of(new Applied(d("1.0000"), d("0.9000")), new Applied(d("0.9000"), d("0.8000")),
                new Repeated(d("-0.1000"), d("0.9000"))), plan.outcomes());
        assertEquals(d("0.8000"), plan.after());
    }

    @Test
    void shouldLetARefusedKeyBeTriedAgainLaterInTheBatch() {
        // a refused debit spent nothing: the same message id is still new, and is judged again on its own turn
        var plan = DebitBatch.plan(d("0.1000"), BigDecimal.ZERO, List.of(request("a", "0.2000"), request("a", "0.2000")), Map.of());

        assertEquals(List.of(new Refused(d("0.1000")), new Refused(d("0.1000"))), plan.outcomes());
        assertEquals(d("0.1000"), plan.after());
    }

    @Test
    void shouldGoBelowZeroOnlyAsFarAsThePostpaidAllowance() {
        var plan = DebitBatch.plan(d("0.0500"), d("0.1000"),
                List.of(request("a", "0.1000"), request("b", "0.0500"), request("c", "0.0100")), Map.of());

        assertEquals(List.of(new Applied(d("0.0500"), d("-0.0500")), new Applied(d("-0.0500"), d("-0.1000")),
                new Refused(d("-0.1000"))), plan.outcomes());
    }

    @Test
    void shouldChangeNothingWhenEveryDebitIsRefusedOrRepeated() {
        var plan = DebitBatch.plan(d("0.0000"), BigDecimal.ZERO, List.of(request("a", "0.0100"), request("b", "0.0100")),
                Map.of("b", new Repeated(d("-0.0100"), d("0.0000"))));

        assertEquals(d("0.0000"), plan.delta(d("0.0000")));
    }
}
