package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Invoice numbers per year have no gaps and no repeats, even when issued concurrently and some issuing rolls back. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class InvoiceNumberingTest {

    @Inject
    InvoiceNumbers numbers;

    @Test
    void shouldNumberWithoutGapsUnderConcurrentIssuing() throws Exception {
        int year = ThreadLocalRandom.current().nextInt(3000, 9000); // a year of this test's own
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> issued = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                boolean rollBack = i % 4 == 0; // every fourth issuer fails after taking a number
                issued.add(pool.submit((Callable<String>) () -> {
                    try {
                        return QuarkusTransaction.requiringNew().call(() -> {
                            String number = numbers.next(year);
                            if (rollBack) throw new IllegalStateException("charge write failed");
                            return number;
                        });
                    } catch (RuntimeException e) {
                        if (!rollBack) throw e;
                        return null;
                    }
                }));
            }
            List<String> kept = new ArrayList<>();
            for (Future<String> future : issued) {
                if (future.get() != null) kept.add(future.get());
            }
            List<String> expected = IntStream.rangeClosed(1, 45).mapToObj(n -> InvoiceNumbers.format(year, n)).toList();
            assertEquals(expected, kept.stream().sorted().toList(), "45 committed invoices are numbered 1 to 45");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldFormatTheYearAndASixDigitNumber() {
        assertEquals("2026-000042", InvoiceNumbers.format(2026, 42));
    }
}
