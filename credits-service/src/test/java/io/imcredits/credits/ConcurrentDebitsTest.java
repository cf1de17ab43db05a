package io.imcredits.credits;

import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many Desk agents of one customer sending at once: no lost update, no overdraft. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class ConcurrentDebitsTest {

    @Test
    void shouldDebitExactlyWhatTheBalanceCoversUnderConcurrency() throws Exception {
        UUID partnerId = UUID.randomUUID(), customerId = customer(partnerId);
        grant(customerId, partnerId, "6.42"); // exactly 600 IN marketing messages at 0.0107
        String desk = Tokens.desk(customerId);

        ExecutorService agents = Executors.newFixedThreadPool(32);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                String body = message("wamid.burst-" + i, "IN", "MARKETING");
                statuses.add(agents.submit(() -> debit(desk, customerId, body).extract().statusCode()));
            }
            Map<Integer, Long> counts = new TreeMap<>();
            for (Future<Integer> status : statuses) counts.merge(status.get(), 1L, Long::sum);

            assertEquals(Map.of(201, 600L, 402, 400L), counts);
        } finally {
            agents.shutdownNow();
        }
        assertEquals(new BigDecimal("0.0000"), available(customerId));
        assertEquals(600, entries(customerId, LedgerEntry.Type.DEBIT));
        assertEquals(0, ledgerSum(customerId).compareTo(available(customerId)), "the balance equals the ledger sum");
    }
}
