package io.imcredits.customer.outbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that runs a job; wake-ups while a run is already queued are coalesced.
 * At most one run waits behind the one running, so a burst of wake-ups costs one more run, not one each.
 * The job handles its own failures: the next wake-up runs it again.
 */
public final class CoalescingWorker {

    private final Runnable job;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescingWorker(String threadName, Runnable job) {
        this.job = job;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread worker = new Thread(r, threadName);
            worker.setDaemon(true);
            return worker;
        });
    }

    public void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::run);
        }
    }

    private void run() {
        queued.set(false); // a wake-up from here on queues the next run: it may see work this run missed
        job.run();
    }

    /** From the owner's @PreDestroy. */
    public void stop() {
        thread.shutdownNow();
    }
}
