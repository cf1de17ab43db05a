package io.imcredits.credits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects concurrent requests for one key (an account) into batches. A request joins its key's queue and
 * takes the key's lock; whoever holds the lock applies everything queued so far (its own request and the
 * ones that arrived meanwhile) as one batch. A request applied by another thread finds its result when it
 * gets the lock. Alone, a request is a batch of one; under load, batches grow with the number of waiters,
 * so one commit serves many requests.
 *
 * The lock only decides who batches: correctness stays with the database (the row lock and the ledger's
 * unique key), so two instances of the service, or two lanes of one key, are still safe.
 */
public final class GroupCommit<T, R> {

    /** Applies a batch: must complete or fail every request in it. */
    public interface Batch<T, R> {
        void apply(List<Pending<T, R>> batch);
    }

    /** One request waiting for its batch. Written under the lane's lock, read under it. */
    public static final class Pending<T, R> {
        private final T item;
        private R result;
        private RuntimeException failure;
        private boolean done;

        Pending(T item) {
            this.item = item;
        }

        public T item() {
            return item;
        }

        public void complete(R value) {
            result = value;
            done = true;
        }

        public void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        boolean done() {
            return done;
        }

        R get() {
            if (failure != null) throw failure;
            return result;
        }
    }

    private static final class Lane<T, R> {
        final ReentrantLock lock = new ReentrantLock();
        final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    }

    private final Map<Object, Lane<T, R>> lanes = new ConcurrentHashMap<>();
    private final int maxBatch;

    public GroupCommit(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    /** Applies the item, in a batch with whatever else is queued for the key; answers its own result or throws its own failure. */
    public R submit(Object key, T item, Batch<T, R> batch) {
        Pending<T, R> mine = new Pending<>(item);
        Lane<T, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        lane.queue.add(mine);
        lane.lock.lock();
        try {
            while (!mine.done()) {
                List<Pending<T, R>> drained = new ArrayList<>();
                for (Pending<T, R> next = lane.queue.poll(); next != null; next = drained.size() < maxBatch ? lane.queue.poll() : null) {
                    drained.add(next);
                }
                applyAll(batch, drained);
            }
        } finally {
            // an idle lane goes; a request that still holds it is served by it, a new one makes a new lane
            if (lane.queue.isEmpty()) lanes.remove(key, lane);
            lane.lock.unlock();
        }
        return mine.get();
    }

    private static <T, R> void applyAll(Batch<T, R> batch, List<Pending<T, R>> drained) {
        try {
            batch.apply(drained);
        } catch (RuntimeException e) {
            drained.stream().filter(p -> !p.done()).forEach(p -> p.fail(e));
        }
        drained.stream().filter(p -> !p.done())
                .forEach(p -> p.fail(new IllegalStateException("the batch left a request unanswered")));
    }

    /** Keys with a lane right now (for tests: idle lanes are dropped). */
    int lanes() {
        return lanes.size();
    }
}
