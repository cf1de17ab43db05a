package io.imcredits.subscription.outbox;

import static java.util.concurrent.TimeUnit.SECONDS;

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

    /** How long stop() lets the run in progress finish its current item before interrupting it. */
    private static final long FINISH_SECONDS = 5;

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
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException stopped) {
                // stopping: a commit's wake-up now is expected; its work waits for the next poll (this service's next
                // start, or another instance)
            }
        }
    }

    private void run() {
        queued.set(false); // a wake-up from here on queues the next run: it may have work this run no longer sees
        job.run();
    }

    /** True once stop() was called: the job's loop ends after its current item and leaves the rest for the next poll. */
    public boolean stopping() {
        return thread.isShutdown();
    }

    /**
     * From the owner's ShutdownEvent observer, which Quarkus fires before it closes the database: no run starts after
     * this, and the one in progress has a few seconds to finish its current item (a batch the broker acknowledged, a
     * charge whose result is stored) before it is interrupted.
     */
    public void stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(FINISH_SECONDS, SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
