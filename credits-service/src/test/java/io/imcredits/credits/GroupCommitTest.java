package io.imcredits.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Concurrent requests of one key are applied in batches, each exactly once, each answered with its own result. */
class GroupCommitTest {

    @Test
    void shouldApplyEveryRequestExactlyOnceInBatchesAndAnswerEachItsOwnResult() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(16);
        List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int item = i;
                answers.add(pool.submit(() -> commit.submit("account", item, batch -> {
                    batchSizes.add(batch.size());
                    sleep(1); // one commit's time, during which others queue up
                    batch.forEach(pending -> {
                        applied.add(pending.item());
                        pending.complete(pending.item() * 10);
                    });
                })));
            }
            for (int i = 0; i < answers.size(); i++) assertEquals(i * 10, answers.get(i).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2000, applied.size());
        assertEquals(2000, applied.stream().distinct().count(), "no request applied twice");
        assertTrue(batchSizes.stream().anyMatch(size -> size > 1), "concurrent requests were batched: " + batchSizes);
        assertTrue(batchSizes.stream().allMatch(size -> size <= 16), "no batch beyond the limit");
        assertEquals(0, commit.lanes(), "idle lanes are dropped");
    }

    @Test
    void shouldApplyALoneRequestAtOnceAsABatchOfOne() {
        GroupCommit<String, String> commit = new GroupCommit<>(16);
        List<Integer> sizes = new ArrayList<>();

        String answer = commit.submit("account", "m1", batch -> {
            sizes.add(batch.size());
            batch.get(0).complete("debited " + batch.get(0).item());
        });

        assertEquals("debited m1", answer);
        assertEquals(List.of(1), sizes);
    }

    @Test
    void shouldFailEveryRequestOfABatchThatThrowsAndKeepServingTheKey() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(64);
        CountDownLatch queued = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // the first batch holds the lane until the others have queued, then fails as a whole
            Future<Integer> first = pool.submit(() -> commit.submit("account", 0, batch -> {
                await(queued);
                throw new IllegalStateException("commit failed");
            }));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                others.add(pool.submit(() -> commit.submit("account", item, batch -> {
                    throw new IllegalStateException("commit failed");
                })));
            }
            Thread.sleep(100);
            queued.countDown();
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
            assertEquals("commit failed", failure.getCause().getMessage());
            for (Future<Integer> other : others) {
                assertEquals("commit failed", assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> other.get(10, TimeUnit.SECONDS)).getCause().getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(7, commit.submit("account", 7, batch -> batch.forEach(p -> p.complete(p.item()))), "the key still works");
    }

    @Test
    void shouldFailARequestTheBatchLeftUnanswered() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(16);

        assertThrows(IllegalStateException.class, () -> commit.submit("account", 1, batch -> {}));
    }

    @Test
    void shouldBatchDifferentKeysApart() throws Exception {
        GroupCommit<String, String> commit = new GroupCommit<>(16);
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String key = "account-" + (i % 4);
                answers.add(pool.submit(() -> commit.submit(key, key, batch -> {
                    batches.add(batch.stream().map(GroupCommit.Pending::item).toList());
                    sleep(1);
                    batch.forEach(p -> p.complete(p.item()));
                })));
            }
            for (Future<String> answer : answers) answer.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(batches.stream().allMatch(batch -> batch.stream().distinct().count() == 1), "one account per batch");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
