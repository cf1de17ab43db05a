package io.imcredits.subscription.outbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CoalescingWorkerTest {

    /** A transaction that commits while the service stops wakes the relay after its worker stopped: no failure, no run. */
    @Test
    void aWakeUpAfterStopRunsNothingAndDoesNotFail() {
        AtomicInteger runs = new AtomicInteger();
        CoalescingWorker worker = new CoalescingWorker("test-worker", runs::incrementAndGet);
        worker.stop();

        assertDoesNotThrow(worker::wake);
        assertDoesNotThrow(worker::wake);
        assertEquals(0, runs.get());
    }
}
