package io.imcredits.bench;

import static io.imcredits.bench.Connection.expect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Purchase latency as a partner and Desk see it: from the confirm request (Update License) until the
 * Desk balance shows the bought credits. Each purchaser has a customer of its own, so its balance
 * grows only by its own purchases.
 */
final class Purchases {

    static final int CUSTOMERS_PORT = 8081, SUBSCRIPTIONS_PORT = 8082, CREDITS_PORT = 8083, BILLING_PORT = 8084;
    static final int CREDITS_PER_ORDER = 10;
    static final long PATIENCE_NANOS = 30_000_000_000L;

    private Purchases() {}

    static void run(Tokens tokens, int purchases, int purchasers) throws Exception {
        String partner = tokens.partner(Bench.PARTNER);
        try (Connection customers = new Connection(Bench.HOST, CUSTOMERS_PORT)) {
            expect(customers.send("PUT", "/api/partners/" + Bench.PARTNER, tokens.ops(),
                    "{\"name\":\"Benchmark Partner\",\"country\":\"GB\",\"currency\":\"USD\"}"), 200);
        }
        List<Purchaser> buyers = new ArrayList<>();
        for (int p = 0; p < purchasers; p++) {
            String customerId = register(partner, "Bench Buyer " + UUID.randomUUID().toString().substring(0, 8));
            buyers.add(new Purchaser(customerId, tokens.desk(UUID.fromString(customerId))));
        }
        AtomicLong errors = new AtomicLong(); // of both passes: a purchase that fails is an error, measured or not
        // warm-up, not measured: as many purchases once, so that the purchase path is measured compiled, as a service that
        // has been up a while runs it (the first purchases after a start took up to four times as long)
        buyAll(partner, buyers, purchases, errors);
        long[] all = buyAll(partner, buyers, purchases, errors);
        System.out.println("RESULT\tpurchase\t%d\t-\t%.1f\t%.1f\t%.1f\t%d\t%d".formatted(purchasers,
                Load.ms(all, 0.50), Load.ms(all, 0.95), Load.ms(all, 0.99), errors.get(), all.length));
    }

    /** A customer of the benchmark's partner that buys, and its Desk's token (whose balance read sees the credits). */
    private record Purchaser(String customerId, String desk) {}

    /** The purchases shared out among the purchasers, each buying for its own customer; the latencies, sorted. */
    private static long[] buyAll(String partner, List<Purchaser> buyers, int purchases, AtomicLong errors) throws InterruptedException {
        int purchasers = buyers.size();
        long[][] latencies = new long[purchasers][];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < purchasers; p++) {
            int purchaser = p;
            int count = purchases / purchasers + (p < purchases % purchasers ? 1 : 0);
            Purchaser buyer = buyers.get(p);
            threads.add(new Thread(() -> latencies[purchaser] = buy(partner, buyer.desk(), buyer.customerId(), count, errors)));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) thread.join();
        return Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
    }

    /** A customer through customer-service, with a card that charges, once the other services know it. */
    static String register(String partner, String company) throws Exception {
        String body = """
                {"companyName":"%s","contactName":"Ann Lee","email":"ann@%s.example","phone":"+44 20 7946 0958",\
                "country":"GB","planCode":"STANDARD","agents":5}""".formatted(company, company.toLowerCase().replace(' ', '-'));
        String id;
        try (Connection customers = new Connection(Bench.HOST, CUSTOMERS_PORT)) {
            id = Bench.json(expect(customers.send("POST", "/api/customers", partner, body), 201).body()).get("id").asText();
        }
        String card = "{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\",\"holderName\":\"Ann Lee\",\"billingCountry\":\"GB\"}";
        await(Bench.HOST, SUBSCRIPTIONS_PORT, c -> c.send("GET", "/api/customers/" + id + "/subscription", partner, null).status() == 200);
        await(Bench.HOST, CREDITS_PORT, c -> c.send("GET", "/api/customers/" + id + "/credits", partner, null).status() == 200);
        await(Bench.HOST, BILLING_PORT, c -> c.send("PUT", "/api/customers/" + id + "/card", partner, card).status() == 200);
        // the purchase is refused until subscription-service has heard of the card (CardUpdated)
        await(Bench.HOST, SUBSCRIPTIONS_PORT, c -> c.send("GET", "/api/customers/" + id + "/subscription", partner, null).body()
                .contains("\"cardOnFile\":true"));
        return id;
    }

    private static long[] buy(String partner, String desk, String customerId, int count, AtomicLong errors) {
        long[] latencies = new long[count];
        try (Connection subscriptions = new Connection(Bench.HOST, SUBSCRIPTIONS_PORT);
                Connection credits = new Connection(Bench.HOST, CREDITS_PORT)) {
            for (int i = 0; i < count; i++) {
                try {
                    String quoteId = Bench.json(expect(subscriptions.send("POST", "/api/customers/" + customerId + "/quotes", partner,
                            "{\"imCredits\":" + CREDITS_PER_ORDER + "}"), 201).body()).get("id").asText();
                    BigDecimal before = available(credits, desk, customerId);
                    long start = System.nanoTime();
                    expect(subscriptions.send("POST", "/api/customers/" + customerId + "/license-updates", partner,
                            "{\"quoteId\":\"" + quoteId + "\"}", "Idempotency-Key: " + UUID.randomUUID() + "\r\n"), 202);
                    BigDecimal now = before;
                    while (now.compareTo(before) <= 0 && System.nanoTime() - start < PATIENCE_NANOS) {
                        Thread.sleep(10); // often enough to see it, rarely enough not to load what it measures
                        now = available(credits, desk, customerId);
                    }
                    if (now.compareTo(before) <= 0) throw new IllegalStateException("credits of customer " + customerId + " not visible after 30 s");
                    latencies[i] = System.nanoTime() - start;
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println("purchase failed: " + e.getMessage());
                }
            }
        }
        return latencies;
    }

    private static BigDecimal available(Connection credits, String desk, String customerId) throws Exception {
        return new BigDecimal(Bench.json(expect(credits.send("GET", "/api/customers/" + customerId + "/credits", desk, null), 200).body())
                .get("available").get("amount").asText());
    }

    interface Check {
        boolean ok(Connection connection) throws Exception;
    }

    private static void await(String host, int port, Check check) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = new Connection(host, port)) {
            while (!check.ok(connection)) {
                if (System.nanoTime() - start > PATIENCE_NANOS) throw new IllegalStateException("not ready after 30 s on port " + port);
                Thread.sleep(100);
            }
        }
    }
}
