package io.imcredits.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop load: each client sends its next request when the previous answer arrived, for a fixed time. */
final class Load {

    /** One client's next request; returns the answer's status. */
    interface Client {
        int call(Connection connection, int client, long sequence) throws Exception;
    }

    record Result(String name, int clients, int seconds, long requests, double perSecond, double p50, double p95, double p99,
            long errors) {

        String line() {
            return "RESULT\t%s\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%d".formatted(name, clients, perSecond, p50, p95, p99, errors, requests);
        }
    }

    private Load() {}

    /** Runs the clients for the given time; an answer other than the expected status is an error (and so is an I/O failure). */
    static Result run(String name, int clients, int seconds, String host, int port, int expected, Client request)
            throws InterruptedException {
        return run(name, clients, seconds, host, port, expected, Integer.MAX_VALUE, request);
    }

    /** The same, each client stopping after at most the given number of requests. */
    static Result run(String name, int clients, int seconds, String host, int port, int expected, int requestsPerClient,
            Client request) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[Math.min(1 << 18, requestsPerClient)]; // the first 262,144 answers of each client are timed
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try (Connection connection = new Connection(host, port)) {
                    int n = 0;
                    while (System.nanoTime() < end && n < mine.length) {
                        long start = System.nanoTime();
                        String error;
                        try {
                            int status = request.call(connection, client, n);
                            error = status == expected ? null : "HTTP " + status;
                        } catch (Exception e) {
                            error = e.getClass().getSimpleName();
                        }
                        mine[n++] = System.nanoTime() - start;
                        if (error != null) errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                    }
                    counts[client] = n;
                }
            }, name + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) thread.join();
        long[] all = new long[(int) Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, (int) counts[c]);
            at += (int) counts[c];
        }
        Arrays.sort(all);
        if (!errors.isEmpty()) System.err.println(name + " at " + clients + " clients: errors " + errors);
        return new Result(name, clients, seconds, all.length, all.length / (double) seconds,
                ms(all, 0.50), ms(all, 0.95), ms(all, 0.99), errors.values().stream().mapToLong(AtomicLong::get).sum());
    }

    static double ms(long[] sorted, double percentile) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile * sorted.length) - 1)] / 1e6;
    }
}
