package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The credit rules under random sequences of everything that moves credits: grants (dated and undated), ops
 * credits and decreases, debits alone and in concurrent bursts (group commits), holds settled, released or
 * settled free, refunds, lots reaching their day, and the post-paid allowance switched on and off, with ids
 * repeated on purpose. After every step: the balance equals the ledger and is never negative, no lot is negative
 * or above its grant, the expiring part equals the open lots, held equals the open holds, a grant adds its whole
 * amount (never nets post-paid usage), every post-paid usage is on the ledger once and announced once within the
 * period's allowance, and undated credits (available - expiring) change only by what the step itself
 * spent or gave back of them: a dated credit never becomes undated.
 *
 * Why a plain @QuarkusTest fed by jqwik's generators rather than a @Property: the rules live in SQL statements
 * (guarded UPDATEs, the lot CTEs, group commit) as much as in Java, so only the production services on the real
 * database prove them; jqwik's lifecycle does not run inside a Quarkus test. The sequences come from jqwik's
 * Arbitraries with fixed seeds, so a failure names its seed and replays exactly.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CreditRulesPropertyTest {

    static final Caller OPS = new Caller("ops-property", Optional.empty(), Optional.empty(), true);
    static final UUID PARTNER = UUID.randomUUID();
    static final BigDecimal ALLOWANCE = new BigDecimal("0.2000");
    static final int STEPS = 50;
    /** Destinations by message number: MX, IN, DE marketing, BR utility and a free service reply. */
    static final List<MessagePricing.Message> DESTINATIONS = List.of(
            new MessagePricing.Message(MessagePricing.Channel.WHATSAPP, "MX", MessagePricing.Category.MARKETING, MessagePricing.Window.NONE),
            new MessagePricing.Message(MessagePricing.Channel.WHATSAPP, "IN", MessagePricing.Category.MARKETING, MessagePricing.Window.NONE),
            new MessagePricing.Message(MessagePricing.Channel.WHATSAPP, "DE", MessagePricing.Category.MARKETING, MessagePricing.Window.NONE),
            new MessagePricing.Message(MessagePricing.Channel.WHATSAPP, "BR", MessagePricing.Category.UTILITY, MessagePricing.Window.NONE),
            new MessagePricing.Message(MessagePricing.Channel.WHATSAPP, "US", MessagePricing.Category.SERVICE, MessagePricing.Window.NONE));
    static final List<String> PRICES = List.of("0.0305", "0.0107", "0.1365", "0.0068", "0.0000");

    sealed interface Step permits Grant, Credit, Decrease, Debit, Burst, Hold, Settle, Release, Refund, Expire, Allowance {}

    record Grant(int order, BigDecimal amount, boolean dated) implements Step {}

    record Credit(int key, BigDecimal amount, boolean dated) implements Step {}

    record Decrease(int key, BigDecimal amount) implements Step {}

    record Debit(int message) implements Step {}

    record Burst(List<Integer> messages) implements Step {}

    record Hold(int message) implements Step {}

    record Settle(int message, boolean free) implements Step {}

    record Release(int message) implements Step {}

    record Refund(int message) implements Step {}

    record Expire(int lot) implements Step {}

    record Allowance(boolean on) implements Step {}

    static Arbitrary<List<Step>> sequences() {
        Arbitrary<BigDecimal> amount = Arbitraries.bigDecimals().between(new BigDecimal("0.0100"), new BigDecimal("0.3000")).ofScale(4);
        Arbitrary<Integer> few = Arbitraries.integers().between(0, 3), messages = Arbitraries.integers().between(0, 9);
        Arbitrary<Boolean> coin = Arbitraries.of(true, false);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(few, amount, coin).as(Grant::new)),
                Tuple.of(2, Combinators.combine(few, amount, coin).as(Credit::new)),
                Tuple.of(1, Combinators.combine(few, amount).as(Decrease::new)),
                Tuple.of(7, messages.map(Debit::new)),
                Tuple.of(3, messages.list().ofMinSize(2).ofMaxSize(6).map(Burst::new)),
                Tuple.of(3, few.map(Hold::new)),
                Tuple.of(2, Combinators.combine(few, coin).as(Settle::new)),
                Tuple.of(2, few.map(Release::new)),
                Tuple.of(3, messages.map(Refund::new)),
                Tuple.of(1, few.map(Expire::new)),
                Tuple.of(2, coin.map(Allowance::new)));
        return step.list().ofSize(STEPS);
    }

    @Inject
    Accounts accounts;

    @Inject
    Debits debits;

    @Inject
    Refunds refunds;

    @Inject
    Holds holds;

    static ExecutorService agents;

    @BeforeAll
    static void agents() {
        agents = Executors.newFixedThreadPool(6);
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) agents.shutdownNow();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void shouldKeepEveryCreditRuleAfterEveryStep(long seed) throws Exception {
        List<Step> steps = generate(seed);
        Model model = new Model(UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> {
            accounts.open(model.customerId, PARTNER, "USD");
            CreditAccount.update("overageLimit = ?1 where customerId = ?2", ALLOWANCE, model.customerId); // the add-on, smaller
        });
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            State before = State.of(model.customerId);
            BigDecimal undated = apply(step, model, before);
            State after = State.of(model.customerId);
            String where = "seed " + seed + ", step " + i + " " + step + ": ";
            after.check(where, model);
            assertEquals(0, undated.compareTo(after.undated().subtract(before.undated())),
                    where + "undated credits changed by " + after.undated().subtract(before.undated()) + ", not by " + undated);
        }
    }

    static List<Step> generate(long seed) {
        JqwikSession.start();
        try {
            return sequences().generator(STEPS).next(new Random(seed)).value();
        } finally {
            JqwikSession.finish();
        }
    }

    /** What the test knows independently of the service: what was applied, and what each spend took from dated credits. */
    static final class Model {
        final UUID customerId;
        final Set<Integer> grantedOrders = new HashSet<>();
        final Set<Integer> adjustmentKeys = new HashSet<>();
        final Map<String, BigDecimal> prepaidOf = new HashMap<>(); // debit key → what the prepaid balance paid
        final Map<String, BigDecimal> datedTaken = new HashMap<>(); // spend key → what of it came from dated credits
        final Map<Integer, io.imcredits.credits.Hold> holds = new HashMap<>();
        final Set<UUID> closedHolds = new HashSet<>();
        final List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        final String keyPrefix = UUID.randomUUID().toString();
        BigDecimal granted = BigDecimal.ZERO;

        Model(UUID customerId) {
            this.customerId = customerId;
        }

        /** A spend of this much takes dated credits first: records and answers the change of undated credits. */
        BigDecimal spent(String key, BigDecimal amount, BigDecimal expiringBefore) {
            BigDecimal dated = expiringBefore.min(amount);
            datedTaken.put(key, dated);
            return dated.subtract(amount);
        }
    }

    /** Applies one step through the production services; answers how much undated credits should change by it. */
    BigDecimal apply(Step step, Model model, State before) throws Exception {
        UUID customerId = model.customerId;
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        try {
            if (step instanceof Grant grant) {
                boolean first = model.grantedOrders.add(grant.order());
                UUID orderId = model.orders.get(grant.order());
                QuarkusTransaction.requiringNew().run(() -> accounts.grant(new io.imcredits.credits.Grant(orderId, customerId, PARTNER,
                        UUID.randomUUID(), 1, new Money(grant.amount(), "USD"), grant.dated() ? later : null)));
                if (!first) return BigDecimal.ZERO; // a redelivered purchase: nothing more
                BigDecimal amount = QuarkusTransaction.requiringNew().call(() -> LedgerEntry.findByKey(customerId, "grant:" + orderId).orElseThrow().amount);
                model.granted = model.granted.add(amount);
                assertEquals(0, amount.compareTo(State.of(customerId).available.subtract(before.available)), "a grant adds all of itself");
                return grant.dated() ? BigDecimal.ZERO : amount;
            }
            if (step instanceof Credit credit) {
                String key = model.keyPrefix + credit.key();
                boolean first = !model.adjustmentKeys.contains(credit.key());
                try {
                    accounts.adjust(OPS, customerId, new Accounts.Adjustment(new Accounts.Requested(credit.amount(), "USD"), "property credit", key,
                            credit.dated() ? later : null));
                } catch (Unprocessable otherRequest) {
                    assertFalse(first, "only a key already used refuses another adjustment: " + otherRequest.getMessage());
                    return BigDecimal.ZERO; // the key made another adjustment: refused, nothing applied
                }
                if (!model.adjustmentKeys.add(credit.key())) return BigDecimal.ZERO; // a retried adjustment
                return credit.dated() ? BigDecimal.ZERO : credit.amount();
            }
            if (step instanceof Decrease decrease) {
                String key = model.keyPrefix + decrease.key();
                boolean first = !model.adjustmentKeys.contains(decrease.key());
                try {
                    accounts.adjust(OPS, customerId,
                            new Accounts.Adjustment(new Accounts.Requested(decrease.amount().negate(), "USD"), "property decrease", key, null));
                } catch (Unprocessable otherRequest) {
                    assertFalse(first, "only a key already used refuses another adjustment: " + otherRequest.getMessage());
                    return BigDecimal.ZERO;
                }
                model.adjustmentKeys.add(decrease.key());
                return first ? model.spent("adjust:" + key, decrease.amount(), before.expiring) : BigDecimal.ZERO;
            }
            if (step instanceof Debit debit) {
                Debits.Debit answer = debits.debit(OPS, customerId, spend(debit.message()));
                assertEquals(Money.of(PRICES.get(debit.message() % PRICES.size()), "USD"), answer.price(), "the price of " + debit);
                if (answer.overage().amount().signum() > 0) {
                    assertEquals(0, answer.available().amount().signum(), "a post-paid debit used the prepaid balance up first");
                }
                if (answer.repeated()) return BigDecimal.ZERO;
                BigDecimal prepaid = answer.price().amount().subtract(answer.overage().amount());
                model.prepaidOf.put("debit:m" + debit.message(), prepaid);
                return model.spent("debit:m" + debit.message(), prepaid, before.expiring);
            }
            if (step instanceof Burst burst) {
                List<Future<?>> sent = new ArrayList<>();
                for (int message : burst.messages()) {
                    sent.add(agents.submit(() -> {
                        ManagedContext request = Arc.container().requestContext(); // as for an HTTP request
                        request.activate();
                        try {
                            debits.debit(OPS, customerId, spend(message));
                        } catch (InsufficientCredits refused) {
                            // beyond the balance and the allowance: nothing spent
                        } finally {
                            request.terminate();
                        }
                    }));
                }
                for (Future<?> done : sent) done.get();
                // the ledger's order is the order the debits were applied in: each took dated credits first
                BigDecimal expiring = before.expiring, undated = BigDecimal.ZERO;
                for (LedgerEntry entry : QuarkusTransaction.requiringNew().call(() -> LedgerEntry.<LedgerEntry>list(
                        "customerId = ?1 and type = ?2 and seq > ?3 order by seq", customerId, LedgerEntry.Type.DEBIT, before.lastSeq))) {
                    BigDecimal prepaid = entry.amount.negate();
                    model.prepaidOf.put(entry.idempotencyKey, prepaid);
                    undated = undated.add(model.spent(entry.idempotencyKey, prepaid, expiring));
                    expiring = expiring.subtract(expiring.min(prepaid));
                }
                return undated;
            }
            if (step instanceof Hold hold) {
                io.imcredits.credits.Hold placed = holds.place(OPS, customerId, spend("h", hold.message()));
                if (model.holds.containsKey(hold.message())) return BigDecimal.ZERO; // the same message: the same hold
                model.holds.put(hold.message(), placed);
                return model.spent("hold:" + placed.id, placed.amount, before.expiring);
            }
            if (step instanceof Settle || step instanceof Release) {
                int message = step instanceof Settle settle ? settle.message() : ((Release) step).message();
                boolean spends = step instanceof Settle settle && !settle.free();
                io.imcredits.credits.Hold hold = model.holds.get(message);
                UUID holdId = hold == null ? UUID.randomUUID() : hold.id;
                if (step instanceof Settle settle) {
                    holds.post(OPS, customerId, holdId, settle.free() ? Holds.PricingType.FREE_CUSTOMER_SERVICE : Holds.PricingType.REGULAR);
                } else {
                    holds.voidHold(OPS, customerId, holdId);
                }
                if (!model.closedHolds.add(holdId) || spends) return BigDecimal.ZERO;
                return hold.amount.subtract(model.datedTaken.get("hold:" + holdId)); // the dated part goes back to its lots
            }
            if (step instanceof Refund refund) {
                Refunds.Refund answer = refunds.refund(OPS, customerId, "m" + refund.message());
                if (answer.repeated()) return BigDecimal.ZERO;
                String key = "debit:m" + refund.message();
                return model.prepaidOf.get(key).subtract(model.datedTaken.get(key));
            }
            if (step instanceof Expire expire) {
                List<CreditLot> open = QuarkusTransaction.requiringNew().call(() -> CreditLot.unspent(customerId));
                if (open.isEmpty()) return BigDecimal.ZERO;
                long lotId = open.get(expire.lot() % open.size()).id;
                QuarkusTransaction.requiringNew().run(() -> CreditLot.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), lotId));
                accounts.writeOffExpiredLot(customerId, lotId); // its day has come (the sweep may get there first: the same)
                return BigDecimal.ZERO;
            }
            Allowance allowance = (Allowance) step;
            QuarkusTransaction.requiringNew().run(() -> CreditAccount.update("overageLimit = ?1 where customerId = ?2",
                    allowance.on() ? ALLOWANCE : BigDecimal.ZERO, customerId));
            return BigDecimal.ZERO;
        } catch (InsufficientCredits | Conflict | NotFound refused) {
            return BigDecimal.ZERO; // refused: nothing changed (the invariants say so)
        }
    }

    /** A message by number: the same number always goes to the same destination (so has one price). */
    static Spend spend(int message) {
        return spend("m", message);
    }

    static Spend spend(String prefix, int message) {
        return new Spend(prefix + message, DESTINATIONS.get(message % DESTINATIONS.size()));
    }

    /** The account and what its rows add up to, read in one transaction. */
    record State(BigDecimal available, BigDecimal held, BigDecimal expiring, BigDecimal postpaidUsed, BigDecimal ledgerSum,
            BigDecimal openLots, long badLots, BigDecimal openHolds, BigDecimal grants, BigDecimal ledgerPostpaid,
            Set<String> ledgerUsages, List<String> announcedUsages, long splitDebitsAboveZero, long lastSeq) {

        BigDecimal undated() {
            return available.subtract(expiring);
        }

        static State of(UUID customerId) {
            return QuarkusTransaction.requiringNew().call(() -> {
                CreditAccount account = CreditAccount.findById(customerId);
                var em = CreditAccount.getEntityManager();
                Object[] sums = (Object[]) em.createNativeQuery("""
                        select (select coalesce(sum(amount), 0) from ledger_entry where customer_id = ?1),
                               (select coalesce(sum(remaining), 0) from credit_lot where customer_id = ?1),
                               (select count(*) from credit_lot where customer_id = ?1 and (remaining < 0 or remaining > granted)),
                               (select coalesce(sum(amount), 0) from credit_hold where customer_id = ?1 and status = 'OPEN'),
                               (select coalesce(sum(amount), 0) from ledger_entry where customer_id = ?1 and type = 'GRANT'),
                               (select coalesce(sum(postpaid), 0) from ledger_entry where customer_id = ?1 and created_at >= ?2),
                               (select count(*) from ledger_entry where customer_id = ?1 and postpaid > 0 and balance_after <> 0),
                               (select coalesce(max(seq), 0) from ledger_entry where customer_id = ?1)""")
                        .setParameter(1, customerId).setParameter(2, CreditAccount.period(Instant.now()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                        .getSingleResult();
                @SuppressWarnings("unchecked")
                List<String> usages = em.createNativeQuery("select cast(usage_id as varchar) from ledger_entry where customer_id = ?1 and usage_id is not null")
                        .setParameter(1, customerId).getResultList();
                @SuppressWarnings("unchecked")
                List<String> announced = em.createNativeQuery("""
                        select cast(payload as jsonb) -> 'data' ->> 'usageId' from outbox
                        where customer_id = ?1 and event_type = 'PostpaidUsageRecorded'""")
                        .setParameter(1, customerId).getResultList();
                return new State(account.available, account.held, account.expiring, account.postpaidUsedIn(Instant.now()),
                        (BigDecimal) sums[0], (BigDecimal) sums[1], ((Number) sums[2]).longValue(), (BigDecimal) sums[3], (BigDecimal) sums[4],
                        (BigDecimal) sums[5], Set.copyOf(usages), announced, ((Number) sums[6]).longValue(), ((Number) sums[7]).longValue());
            });
        }

        void check(String where, Model model) {
            assertEquals(0, available.compareTo(ledgerSum), where + "available " + available + " but the ledger sums to " + ledgerSum);
            assertTrue(available.signum() >= 0, where + "the prepaid balance went below zero: " + available);
            assertEquals(0, badLots, where + "a lot is negative or above its grant");
            assertEquals(0, expiring.compareTo(openLots), where + "expiring " + expiring + " but the lots hold " + openLots);
            assertEquals(0, held.compareTo(openHolds), where + "held " + held + " but the open holds sum to " + openHolds);
            assertEquals(0, grants.compareTo(model.granted), where + "grants on the ledger " + grants + ", granted " + model.granted);
            assertEquals(0, postpaidUsed.compareTo(ledgerPostpaid), where + "post-paid used " + postpaidUsed + " but the ledger's usage is " + ledgerPostpaid);
            assertTrue(postpaidUsed.compareTo(ALLOWANCE) <= 0, where + "post-paid usage " + postpaidUsed + " beyond the allowance");
            assertEquals(0, splitDebitsAboveZero, where + "a post-paid debit left prepaid credits unused");
            assertEquals(ledgerUsages, Set.copyOf(announcedUsages), where + "post-paid usages on the ledger and announced differ");
            assertEquals(announcedUsages.size(), Set.copyOf(announcedUsages).size(), where + "a post-paid usage was announced twice");
        }
    }
}
