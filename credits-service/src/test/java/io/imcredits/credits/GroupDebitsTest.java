package io.imcredits.credits;

import static io.imcredits.credits.Fixture.available;
import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.debit;
import static io.imcredits.credits.Fixture.entries;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.ledgerSum;
import static io.imcredits.credits.Fixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Desk retrying messages while many agents send at once: group commits keep every message id to one debit. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class GroupDebitsTest {

    @Test
    void shouldDebitEachMessageOnceWhenItsRetryArrivesInTheSameBurst() throws Exception {
        UUID partnerId = UUID.randomUUID(), customerId = customer(partnerId);
        grant(customerId, partnerId, "10.00");
        String desk = Tokens.desk(customerId);

        ExecutorService agents = Executors.newFixedThreadPool(32);
        Map<String, List<JsonPath>> answers = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        try {
            List<Future<ExtractableResponse<Response>>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body = message("wamid.retry-" + (i % 200), "IN", "MARKETING"); // every message id twice
                sent.add(agents.submit(() -> debit(desk, customerId, body).extract()));
            }
            for (Future<ExtractableResponse<Response>> answer : sent) {
                statuses.merge(answer.get().statusCode(), 1L, Long::sum);
                JsonPath json = answer.get().jsonPath();
                answers.computeIfAbsent(json.getString("messageId"), id -> new ArrayList<>()).add(json);
            }
        } finally {
            agents.shutdownNow();
        }

        assertEquals(Map.of(200, 200L, 201, 200L), statuses, "one first debit and one repeat per message id");
        answers.forEach((id, pair) -> {
            assertEquals(2, pair.size(), id);
            assertEquals(pair.get(0).getString("available.amount"), pair.get(1).getString("available.amount"), "both answer the first debit of " + id);
            assertEquals(1, pair.stream().filter(json -> json.getBoolean("repeated")).count(), id);
        });
        assertEquals(200, entries(customerId, LedgerEntry.Type.DEBIT));
        assertEquals(new BigDecimal("7.8600"), available(customerId), "10.00 - 200 x 0.0107");
        assertEquals(0, ledgerSum(customerId).compareTo(available(customerId)), "the balance equals the ledger sum");
        assertTrue(commits(customerId) < 200, "concurrent debits shared commits: " + commits(customerId) + " commits for 200 debits");
    }

    @Test
    void shouldShareCommitsAcrossAccountsAndKeepEachAccountExact() throws Exception {
        UUID partnerId = UUID.randomUUID();
        List<UUID> customers = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            UUID customerId = customer(partnerId);
            grant(customerId, partnerId, "0.3210"); // exactly 30 debits of 0.0107 each
            customers.add(customerId);
        }

        ExecutorService agents = Executors.newFixedThreadPool(32);
        Map<Integer, Long> statuses = new TreeMap<>();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 12 * 40; i++) { // 40 messages per account, 10 of them beyond its balance
                UUID customerId = customers.get(i % 12);
                String body = message("wamid.many-" + i, "IN", "MARKETING");
                sent.add(agents.submit(() -> debit(Tokens.desk(customerId), customerId, body).extract().statusCode()));
            }
            for (Future<Integer> status : sent) statuses.merge(status.get(), 1L, Long::sum);
        } finally {
            agents.shutdownNow();
        }

        assertEquals(Map.of(201, 360L, 402, 120L), statuses, "30 debits and 10 refusals per account");
        for (UUID customerId : customers) {
            assertEquals(30, entries(customerId, LedgerEntry.Type.DEBIT), customerId.toString());
            assertEquals(new BigDecimal("0.0000"), available(customerId), customerId.toString());
            assertEquals(0, ledgerSum(customerId).compareTo(available(customerId)), "the balance equals the ledger sum");
        }
        long commits = QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerEntry.getEntityManager()
                .createNativeQuery("select count(distinct created_at) from ledger_entry where customer_id in (?1) and type = 'DEBIT'")
                .setParameter(1, customers).getSingleResult()).longValue());
        assertTrue(commits < 360, "debits of different accounts shared commits: " + commits + " commits for 360 debits");
    }

    /** Entries written by one group commit share its instant. */
    static long commits(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerEntry.getEntityManager()
                .createNativeQuery("select count(distinct created_at) from ledger_entry where customer_id = ?1 and type = 'DEBIT'")
                .setParameter(1, customerId).getSingleResult()).longValue());
    }
}
