package io.imcredits.credits;

import static io.imcredits.credits.Fixture.customer;
import static io.imcredits.credits.Fixture.grant;
import static io.imcredits.credits.Fixture.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Not a test: prints debit and balance-read throughput and latency percentiles against the real
 * database, through HTTP with a lightweight client. Excluded from the build; run it with
 * ./mvnw -pl credits-service test -Dtest=CreditsBenchmark -DexcludedGroups=none [-Dbench.seconds=10 -Dbench.threads=16]
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
@Tag("benchmark")
class CreditsBenchmark {

    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int THREADS = Integer.getInteger("bench.threads", 16);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void run() throws Exception {
        UUID partner = UUID.randomUUID(), hot = customer(partner);
        grant(hot, partner, "1000000.00");
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID c = customer(partner);
            grant(c, partner, "100000.00");
            many.add(c);
        }
        String base = "http://localhost:" + RestAssured.port + "/api/customers/";
        AtomicLong ids = new AtomicLong();

        measure("warm-up", n -> debit(base, hot, ids.incrementAndGet()), 3);
        measure("debit, one hot account", n -> debit(base, hot, ids.incrementAndGet()), SECONDS);
        measure("debit, 50 accounts", n -> debit(base, many.get(n % many.size()), ids.incrementAndGet()), SECONDS);
        measure("balance read", n -> HttpRequest.newBuilder(URI.create(base + hot + "/credits"))
                .header("Authorization", "Bearer " + DESK.computeIfAbsent(hot, Tokens::desk)).GET().build(), SECONDS);
    }

    static final Map<UUID, String> DESK = new ConcurrentHashMap<>();

    static HttpRequest debit(String base, UUID customerId, long id) {
        return HttpRequest.newBuilder(URI.create(base + customerId + "/credits/debits"))
                .header("Authorization", "Bearer " + DESK.computeIfAbsent(customerId, Tokens::desk))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message("bench-" + id, "IN", "MARKETING"))).build();
    }

    static void measure(String name, IntFunction<HttpRequest> request, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = HTTP.send(request.apply(thread * 100_000 + n), HttpResponse.BodyHandlers.discarding());
                    latencies[n++] = System.nanoTime() - start;
                    if (response.statusCode() >= 300) errors.incrementAndGet();
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = results.stream().map(CreditsBenchmark::get).flatMapToLong(Arrays::stream).sorted().toArray();
        pool.shutdown();
        System.out.printf("BENCH %-24s %6d requests in %ds: %7.0f req/s, p50 %5.1f ms, p95 %5.1f ms, p99 %5.1f ms, max %6.1f ms, errors %d%n",
                name, all.length, seconds, all.length / (double) seconds, ms(all, 0.50), ms(all, 0.95), ms(all, 0.99),
                all[all.length - 1] / 1e6, errors.get());
    }

    static double ms(long[] sorted, double percentile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile * sorted.length) - 1)] / 1e6;
    }

    static long[] get(Future<long[]> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
