package io.imcredits.subscription.outbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** One daemon thread that runs a job; wake-ups while a run is already queued are coalesced. */
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

    /** Runs the job soon: at most one run waits behind the one running, so a burst of wake-ups costs one more run. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::run);
        }
    }

    private void run() {
        queued.set(false); // a wake-up from here on queues the next run: it may have work this run no longer sees
        job.run();
    }

    /** From the owner's @PreDestroy. */
    public void stop() {
        thread.shutdownNow();
    }
}
