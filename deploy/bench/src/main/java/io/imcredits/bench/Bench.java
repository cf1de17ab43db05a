package io.imcredits.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark's load generator; deploy/bench.sh runs its commands in order:
 *   register   CustomerRegistered on customer.events for the customer numbers read from stdin
 *   fund       an ops adjustment for each "number|amount" line read from stdin
 *   load       debits (many customers, one hot customer) and balance reads at 8 and 32 clients
 *   purchases  quote, confirm, and time until Desk sees the credits
 * Results are printed as tab-separated RESULT lines for bench.sh's table.
 */
public final class Bench {

    /** The benchmark's own partner: its customers never meet the demo data or the end-to-end suite's. */
    static final UUID PARTNER = UUID.fromString("b0000000-0000-4000-a000-000000000000");
    static final String HOST = "127.0.0.1";
    static final int CREDITS = 8083;
    static final int SUBSCRIPTIONS = 8082;
    static final ObjectMapper JSON = new ObjectMapper();

    static final int CUSTOMERS = Integer.getInteger("bench.customers", 10_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "8,32").split(",")).mapToInt(Integer::parseInt).toArray();

    /** Customer number n (1..10,000) has a fixed id, so pgbench can name the same rows with plain SQL. */
    static UUID customer(int n) {
        return UUID.fromString("b0000000-0000-4000-8000-%012d".formatted(n));
    }

    public static void main(String[] args) throws Exception {
        Tokens tokens = new Tokens();
        switch (args[0]) {
            case "register" -> register(numbers());
            case "fund" -> fund(tokens, new BufferedReader(new InputStreamReader(System.in)).lines().filter(l -> !l.isBlank()).toList());
            case "load" -> load(tokens, args.length > 1 && args[1].equals("debits"), args.length > 2 ? args[2] : "");
            case "auto-recharge" -> autoRecharge(tokens, args[1].equals("on"));
            case "chaos" -> new Chaos(tokens).run(Arrays.asList(args).subList(1, args.length));
            case "purchases" -> Purchases.run(tokens, Integer.getInteger("bench.purchases", 200), Integer.getInteger("bench.purchasers", 2));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static List<Integer> numbers() {
        return new BufferedReader(new InputStreamReader(System.in)).lines().filter(l -> !l.isBlank()).map(String::trim)
                .map(Integer::valueOf).toList();
    }

    /** The way customer-service announces a customer: every service opens what it keeps for it. */
    private static void register(List<Integer> numbers) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", System.getProperty("bench.kafka", "127.0.0.1:9092"));
        config.put("acks", "all");
        config.put("linger.ms", "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int n : numbers) {
                UUID id = customer(n);
                String event = """
                        {"eventId":"%s","type":"CustomerRegistered","version":1,"occurredAt":"%s","source":"customer-service",\
                        "partnerId":"%s","customerId":"%s","correlationId":"%s","data":{"customerId":"%s","partnerId":"%s",\
                        "companyName":"Bench %d","email":"bench-%d@bench.example","country":"IN","currency":"USD",\
                        "planCode":"STANDARD","agents":5,"payer":"PARTNER"}}"""
                        .formatted(UUID.randomUUID(), Instant.now(), PARTNER, id, id, id, PARTNER, n, n);
                sent.add(producer.send(new ProducerRecord<>("customer.events", id.toString(), event)));
            }
            for (Future<?> f : sent) f.get(60, TimeUnit.SECONDS);
        }
        System.out.println("registered " + numbers.size() + " customers of partner " + PARTNER);
    }

    /** Tops balances up through the ops adjustment path, so every ledger entry has a reason and the ledger reconciles. */
    private static void fund(Tokens tokens, List<String> lines) throws Exception {
        String ops = tokens.ops();
        int failed = eachInParallel(CREDITS, lines, (connection, line) -> {
            String[] parts = line.trim().split("[|\\s]+"); // "number|amount", as psql -At prints it
            String body = "{\"amount\":{\"amount\":\"%s\",\"currency\":\"USD\"},\"reason\":\"benchmark funding\"}".formatted(parts[1]);
            return connection.send("POST", "/api/customers/" + customer(Integer.parseInt(parts[0])) + "/credits/adjustments", ops, body)
                    .status() == 201;
        });
        System.out.println("funded " + (lines.size() - failed) + " accounts, " + failed + " failures");
        if (failed > 0) System.exit(1);
    }

    /**
     * Switches auto-recharge on or off for every benchmark customer, with a threshold (1.00) their balances stay above:
     * the debits then pay the crossing check on every balance change, and no order is made.
     */
    private static void autoRecharge(Tokens tokens, boolean on) throws Exception {
        String partner = tokens.partner(PARTNER);
        String body = "{\"enabled\":%s,\"threshold\":{\"amount\":\"1.00\"},\"credits\":10,\"monthlyMaxRecharges\":1}".formatted(on);
        List<Integer> all = IntStream.rangeClosed(1, CUSTOMERS).boxed().toList();
        int failed = eachInParallel(SUBSCRIPTIONS, all,
                (connection, n) -> connection.send("PUT", "/api/customers/" + customer(n) + "/auto-recharge", partner, body).status() == 200);
        System.out.println("auto-recharge " + (on ? "on" : "off") + " for " + (all.size() - failed) + " customers, " + failed + " failures");
        if (failed > 0) System.exit(1);
    }

    interface Call<T> {
        boolean send(Connection connection, T item) throws Exception;
    }

    /** Sends one request per item from 8 connections; returns how many failed. */
    private static <T> int eachInParallel(int port, List<T> items, Call<T> call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(), failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                try (Connection connection = new Connection(HOST, port)) {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        try {
                            if (!call.send(connection, items.get(i))) failed.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return failed.get();
    }

    /** The debits and balance reads (debitsOnly: the debits); suffix names a second run of them, e.g. "-ar". */
    private static void load(Tokens tokens, boolean debitsOnly, String suffix) throws Exception {
        String[] desk = new String[CUSTOMERS + 1];
        List<Integer> all = new ArrayList<>();
        for (int n = 1; n <= CUSTOMERS; n++) all.add(n);
        all.parallelStream().forEach(n -> desk[n] = tokens.desk(customer(n)));
        String run = Long.toString(System.currentTimeMillis(), 36);

        // warm-up, not measured: every customer's balance read once, as Desk agents who have been at work for a while
        // would have (their tokens verified, their accounts' owners known); then every measured load once, so that the
        // service is measured in its steady state, its code compiled (a service started just before ran 2-4x slower)
        Load.run("warm-up", 32, 60, HOST, CREDITS, 200, (CUSTOMERS + 31) / 32, (connection, client, seq) -> {
            int n = Math.min(CUSTOMERS, 1 + client + 32 * (int) seq);
            return connection.send("GET", "/api/customers/" + customer(n) + "/credits", desk[n], null).status();
        });
        String[] agents = IntStream.range(0, Arrays.stream(CLIENTS).max().orElse(1)).mapToObj(a -> tokens.deskAgent(customer(1), a))
                .toArray(String[]::new);
        for (String pass : List.of("warm-up", "measured")) {
            List<Load.Result> results = new ArrayList<>();
            for (int c : CLIENTS) results.add(Load.run("debit-many" + suffix, c, SECONDS, HOST, CREDITS, 201, many(desk, run + pass + "-m" + c)));
            for (int c : CLIENTS) results.add(Load.run("debit-hot" + suffix, c, SECONDS, HOST, CREDITS, 201, hot(agents, run + pass + "-h" + c)));
            if (!debitsOnly) for (int c : CLIENTS) results.add(Load.run("read", c, SECONDS, HOST, CREDITS, 200, read(desk)));
            if (pass.equals("measured")) results.forEach(result -> System.out.println(result.line()));
        }
    }

    /** Client c's request number seq goes to customer n: every client walks all 10,000 customers, each from its own start. */
    private static int spread(int client, long seq) {
        return 1 + (int) ((client * 7919L + seq * 104729L) % CUSTOMERS);
    }

    /** Debits of messages with ids unique to this run and phase (tag), spread over the customers. */
    private static Load.Client many(String[] desk, String tag) {
        return (connection, client, seq) -> {
            int n = spread(client, seq);
            return debit(connection, desk[n], n, tag + "-" + client + "-" + seq);
        };
    }

    /** Debits all on customer 1, the hot account: client c is its Desk agent c. */
    private static Load.Client hot(String[] agents, String tag) {
        return (connection, client, seq) -> debit(connection, agents[client], 1, tag + "-" + client + "-" + seq);
    }

    private static Load.Client read(String[] desk) {
        return (connection, client, seq) -> {
            int n = spread(client, seq);
            return connection.send("GET", "/api/customers/" + customer(n) + "/credits", desk[n], null).status();
        };
    }

    private static int debit(Connection connection, String token, int n, String messageId) throws Exception {
        String body = "{\"messageId\":\"bench-" + messageId + "\",\"channel\":\"WHATSAPP\",\"country\":\"IN\",\"category\":\"MARKETING\",\"window\":\"NONE\"}";
        return connection.send("POST", "/api/customers/" + customer(n) + "/credits/debits", token, body).status();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
