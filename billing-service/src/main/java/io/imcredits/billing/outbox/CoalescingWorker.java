package io.imcredits.billing.outbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that runs a job; wake-ups while a run is already queued are coalesced.
 * So a burst of commits costs one run, and a run never overlaps another of the same job.
 * In the root package so that the outbox relay (messaging) and the charge worker (domain) share it.
 */
public final class CoalescingWorker {

    private final Runnable job;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescingWorker(String threadName, Runnable job) {
        this.job = job;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread daemon = new Thread(r, threadName);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** At most one run waits behind the one running. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::run);
        }
    }

    private void run() {
        queued.set(false);
        job.run();
    }

    /** From the owner's @PreDestroy. */
    public void stop() {
        thread.shutdownNow();
    }
}
