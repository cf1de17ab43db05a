package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The auto-recharge crossing rule (issue 19), pure: a change from at or above the line to below it, once per crossing. */
class AutoRechargeRuleTest {

    static boolean crossed(String before, String after, String line) {
        return new BalanceChange(new BigDecimal(before), new BigDecimal(after), BigDecimal.ZERO)
                .crossed(line == null ? null : new BigDecimal(line));
    }

    static boolean bySettings(String available, String previous, String line) {
        return BalanceChange.crossedBySettings(new BigDecimal(available), previous == null ? null : new BigDecimal(previous),
                line == null ? null : new BigDecimal(line));
    }

    @Test
    void crossesOnlyFromAtOrAboveTheLineToBelowIt() {
        assertTrue(crossed("20.00", "19.99", "20"), "from exactly the line to below it");
        assertTrue(crossed("25", "0", "20"));
        assertFalse(crossed("25", "20", "20"), "landing on the line is not below it");
        assertFalse(crossed("19.99", "10", "20"), "already below: no second crossing until re-armed");
        assertFalse(crossed("10", "25", "20"), "a credit back over the line re-arms, it does not cross");
        assertFalse(crossed("25", "21", "20"));
        assertFalse(crossed("25", "0", null), "off: nothing is ever crossed");
        assertFalse(crossed("0", "0", "0"), "a zero line: the prepaid balance never goes below it");
    }

    @Test
    void reArmsOnlyWhenTheBalanceIsBackAtTheLine() {
        BigDecimal line = new BigDecimal("20");
        // 25 -> 15 (crossing) -> 12 -> 18 (a too small recharge) -> 14 -> 20 (back at the line) -> 19 (crossing again)
        List<String> balances = List.of("25", "15", "12", "18", "14", "20", "19");
        List<Integer> crossings = IntStream.range(1, balances.size())
                .filter(i -> new BalanceChange(new BigDecimal(balances.get(i - 1)), new BigDecimal(balances.get(i)), BigDecimal.ZERO)
                        .crossed(line))
                .boxed().toList();
        assertEquals(List.of(1, 6), crossings);
    }

    @Test
    void settingsCrossAtOnceOnlyWhenTheyPutTheBalanceBelowTheLine() {
        assertTrue(bySettings("10", null, "20"), "enabled while below");
        assertTrue(bySettings("15", "10", "20"), "raised above the balance");
        assertFalse(bySettings("15", "20", "30"), "already below the line in force: that crossing was told");
        assertFalse(bySettings("15", "20", "20"), "another setting (a cap, the credits) changes nothing");
        assertFalse(bySettings("25", null, "20"), "enabled above the line: the next debit will tell");
        assertFalse(bySettings("20", null, "20"), "at the line is not below it");
        assertFalse(bySettings("10", "20", null), "disabling never crosses");
        assertFalse(bySettings("10", null, null));
        assertTrue(bySettings("10", null, "20"), "re-enabled after disabling while below: a crossing again");
    }

    @Test
    void aGroupCommittedBatchCrossesOnceAtTheDebitThatCrossed() {
        BigDecimal line = new BigDecimal("0.50");
        List<DebitBatch.Request> requests = IntStream.range(0, 10).mapToObj(i -> new DebitBatch.Request("debit:m" + i, new BigDecimal("0.15")))
                .toList();
        DebitBatch.Plan plan = DebitBatch.plan(new BigDecimal("1.00"), BigDecimal.ZERO, BigDecimal.ZERO, requests, Map.of());
        List<Integer> crossings = IntStream.range(0, requests.size())
                .filter(i -> plan.outcomes().get(i) instanceof DebitBatch.Applied applied
                        && new BalanceChange(applied.before(), applied.after(), BigDecimal.ZERO).crossed(line))
                .boxed().toList();
        assertEquals(List.of(3), crossings, "1.00 -> 0.85 -> 0.70 -> 0.55 -> 0.40: the fourth debit crosses, no other");
        assertEquals(Collections.nCopies(4, DebitBatch.Applied.class),
                plan.outcomes().stream().limit(4).map(Object::getClass).toList());
    }
}
