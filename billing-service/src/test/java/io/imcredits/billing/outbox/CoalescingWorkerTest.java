package io.imcredits.billing.outbox;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CoalescingWorkerTest {

    /** A transaction that commits while the service stops wakes the worker after it stopped: no failure, no run. */
    @Test
    void aWakeUpAfterStopRunsNothingAndDoesNotFail() {
        AtomicInteger runs = new AtomicInteger();
        CoalescingWorker worker = new CoalescingWorker("test-worker", runs::incrementAndGet);
        worker.stop();

        assertDoesNotThrow(worker::wake);
        assertEquals(0, runs.get());
    }

    /** Stopping waits for the item in progress (a batch being acknowledged, say) instead of interrupting it. */
    @Test
    void stopLetsTheRunInProgressFinish() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        CoalescingWorker worker = new CoalescingWorker("test-worker", () -> {
            started.countDown();
            try {
                Thread.sleep(200); // the item's work
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        worker.wake();
        assertTrue(started.await(5, SECONDS));

        worker.stop();

        assertTrue(worker.stopping());
        assertTrue(finished.get());
        assertFalse(interrupted.get());
    }
}
