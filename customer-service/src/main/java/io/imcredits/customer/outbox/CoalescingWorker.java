package io.imcredits.customer.outbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that runs a job; wake-ups while a run is already queued are coalesced.
 * At most one run waits behind the one running, so a burst of wake-ups costs one more run, not one each,
 * and a run never overlaps another of the same job. The job handles its own failures: the next wake-up runs it again.
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

    /** Runs the job soon; once stopped, does nothing (what the run would have done waits for the next start's poll). */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException stopped) {
                // the service is stopping: a commit's wake-up after stop() is expected, not a failure
            }
        }
    }

    private void run() {
        queued.set(false); // a wake-up from here on queues the next run: it may have work this run no longer sees
        job.run();
    }

    /**
     * From the owner's ShutdownEvent observer: Quarkus fires it before it closes the database, so no run starts on a
     * closed one. A run in progress is interrupted; its transaction rolls back and its rows wait for the next run.
     */
    public void stop() {
        thread.shutdownNow();
    }
}
