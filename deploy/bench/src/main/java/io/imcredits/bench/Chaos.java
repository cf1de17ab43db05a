package io.imcredits.bench;

import static io.imcredits.bench.Connection.expect;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chaos run (deploy/chaos.sh): a steady load of purchases (quote + confirm) and Desk debits, each client retrying
 * a failed request with the same message id or Idempotency-Key until it is accepted, while the services, PostgreSQL
 * and the broker are killed and restarted one step at a time. After each step: how long until every service was
 * ready again, how many requests failed, and whether every accepted request is there exactly once.
 */
final class Chaos {

    static final int CUSTOMERS = 8081, SUBSCRIPTIONS = 8082, CREDITS = 8083;
    static final List<String> SERVICES = List.of("customer-service", "subscription-service", "credits-service", "billing-service");
    static final int[] PORTS = {8081, 8082, 8083, 8084};
    static final BigDecimal FUNDS = new BigDecimal("10000");

    private final Tokens tokens;
    private final Path deploy = Path.of(System.getProperty("bench.deploy", "deploy"));
    private final int quietSeconds = Integer.getInteger("bench.chaos.quiet", 5);
    private final AtomicReference<String> step = new AtomicReference<>("warm-up");
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    /** Requests of the step that failed once every service was ready again: none may. */
    private final Map<String, AtomicLong> failuresAfterReady = new ConcurrentHashMap<>();
    private volatile boolean recovered;
    /** Why requests failed, by step: "HTTP 503", "ConnectException", … */
    private final Map<String, Map<String, AtomicLong>> reasons = new ConcurrentHashMap<>();
    private volatile boolean paused, stopped;

    /** An accepted debit: the price the service answered, once. */
    private final List<BigDecimal> debited = new CopyOnWriteArrayList<>();
    private final List<String> orders = new CopyOnWriteArrayList<>();

    Chaos(Tokens tokens) {
        this.tokens = tokens;
    }

    void run(List<String> steps) throws Exception {
        String partner = tokens.partner(Bench.PARTNER);
        try (Connection customers = new Connection(Bench.HOST, CUSTOMERS)) {
            expect(customers.send("PUT", "/api/partners/" + Bench.PARTNER, tokens.ops(),
                    "{\"name\":\"Benchmark Partner\",\"country\":\"GB\",\"currency\":\"USD\"}"), 200);
        }
        String debitCustomer = Purchases.register(partner, "Chaos Debits " + UUID.randomUUID().toString().substring(0, 8));
        String buyer = Purchases.register(partner, "Chaos Buyer " + UUID.randomUUID().toString().substring(0, 8));
        try (Connection credits = new Connection(Bench.HOST, CREDITS)) {
            expect(credits.send("POST", "/api/customers/" + debitCustomer + "/credits/adjustments", tokens.ops(),
                    "{\"amount\":{\"amount\":\"" + FUNDS + "\"},\"reason\":\"chaos run funds\"}"), 201);
        }
        String desk = tokens.desk(UUID.fromString(debitCustomer));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) clients.add(new Thread(() -> debits(desk, debitCustomer)));
        clients.add(new Thread(() -> purchases(partner, buyer)));
        clients.forEach(Thread::start);

        System.out.printf("%-34s %9s %9s %12s  %s%n", "step", "ready s", "failed", "after ready", "verdict");
        for (String s : steps) {
            step.set(s);
            recovered = false;
            long start = System.nanoTime();
            for (String command : commands(s)) sh(command);
            awaitReady();
            recovered = true;
            double readyAfter = (System.nanoTime() - start) / 1e9;
            Thread.sleep(quietSeconds * 1000L); // the load goes on with everything back
            paused = true;
            long failed = failures.getOrDefault(s, new AtomicLong()).get(), afterReady = failuresAfterReady.getOrDefault(s, new AtomicLong()).get();
            String verdict = verdict(debitCustomer, desk, s.equals("rolling-restart") ? failed : afterReady);
            paused = false;
            System.out.printf("%-34s %9.1f %9d %12d  %s%n", s, readyAfter, failed, afterReady, verdict);
            System.out.printf("%-34s %9s %9s %12s  failed requests: %s%n", "", "", "", "", reasons.getOrDefault(s, Map.of()));
        }
        stopped = true;
        for (Thread client : clients) client.join();
    }

    /** What a step does, as an operator would type it. */
    private List<String> commands(String s) {
        String[] parts = s.split(" ");
        return switch (parts[0]) {
            case "kill" -> List.of("service.sh kill " + parts[1], "service.sh start " + parts[1]);
            case "postgresql-restart" -> List.of("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart");
            case "kafka-kill" -> List.of("kafka.sh kill", "kafka.sh start");
            // one more instance first (as a deployment with a surge of one does), each instance replaced while the
            // other serves: readiness goes DOWN before a graceful stop, so the clients' balancer has moved away
            case "rolling-restart" -> SERVICES.stream().flatMap(name -> List.of("service.sh start " + name + " 2", "service.sh stop " + name,
                    "service.sh start " + name, "service.sh stop " + name + " 2").stream()).toList();
            default -> throw new IllegalArgumentException("unknown step " + s);
        };
    }

    /** Desk sends messages; a message that fails is sent again with the same id until it is accepted. */
    private void debits(String desk, String customerId) {
        try (Balancer credits = new Balancer(CREDITS)) {
            while (!stopped) {
                pause();
                inFlight.incrementAndGet();
                String body = "{\"messageId\":\"chaos-" + UUID.randomUUID()
                        + "\",\"channel\":\"WHATSAPP\",\"country\":\"GB\",\"category\":\"UTILITY\",\"window\":\"NONE\"}";
                Connection.Response answer = retried(() -> credits.send("POST", "/api/customers/" + customerId + "/credits/debits", desk, body),
                        status -> status == 201 || status == 200);
                debited.add(new BigDecimal(Bench.json(answer.body()).get("price").get("amount").asText()));
                // 200: a retry of a message the service had already applied (the answer to the first try was lost)
                if (answer.status() == 200) debitedAgain.incrementAndGet();
                inFlight.decrementAndGet();
                pace();
            }
        }
    }

    private final AtomicLong debitedAgain = new AtomicLong();
    /** Debits sent whose answer is not counted yet: the verdict waits for none. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The partner buys 10 credits again and again; a confirm that fails is sent again with the same key. */
    private void purchases(String partner, String customerId) {
        try (Balancer subscriptions = new Balancer(SUBSCRIPTIONS)) {
            while (!stopped) {
                pause();
                Connection.Response quote = retried(() -> subscriptions.send("POST", "/api/customers/" + customerId + "/quotes", partner,
                        "{\"imCredits\":10}"), status -> status == 201);
                String quoteId = Bench.json(quote.body()).get("id").asText();
                String key = "Idempotency-Key: " + UUID.randomUUID() + "\r\n";
                Connection.Response order = retried(() -> subscriptions.send("POST", "/api/customers/" + customerId + "/license-updates",
                        partner, "{\"quoteId\":\"" + quoteId + "\"}", key), status -> status == 202 || status == 200 || status == 409);
                // 409, an answer and not a failure: the previous order still waits for its payment, or it changed the
                // subscription since this quote; the partner asks for a new quote
                if (order.status() != 409) orders.add(Bench.json(order.body()).get("id").asText());
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface Request {
        Connection.Response send() throws Exception;
    }

    interface Accepted {
        boolean test(int status);
    }

    /** Sends until the answer is accepted, counting every failed try against the current step. */
    private Connection.Response retried(Request request, Accepted accepted) {
        while (true) {
            String reason;
            try {
                Connection.Response answer = request.send();
                if (accepted.test(answer.status())) return answer;
                reason = "HTTP " + answer.status();
            } catch (Exception e) {
                reason = e.getClass().getSimpleName(); // refused, reset or timed out: the same request again
            }
            failures.computeIfAbsent(step.get(), k -> new AtomicLong()).incrementAndGet();
            if (recovered) failuresAfterReady.computeIfAbsent(step.get(), k -> new AtomicLong()).incrementAndGet();
            reasons.computeIfAbsent(step.get(), k -> new ConcurrentHashMap<>()).computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** About 100 messages a second from each Desk client: a steady load, not a flood. */
    private static void pace() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        while (paused && !stopped) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Every accepted debit once in the balance, every order settled and paid once, the reconciliation, and no request
     * failed that should not have: none once every service was ready again, none at all in a rolling restart.
     */
    private String verdict(String debitCustomer, String desk, long failedWrongly) throws Exception {
        while (inFlight.get() > 0) Thread.sleep(20); // the debits in flight when the load paused get their answers
        List<String> problems = new ArrayList<>();
        if (failedWrongly > 0) problems.add(failedWrongly + " requests failed that should not have");
        try (Connection credits = new Connection(Bench.HOST, CREDITS); Connection subscriptions = new Connection(Bench.HOST, SUBSCRIPTIONS)) {
            BigDecimal spent = debited.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            var balance = Bench.json(expect(credits.send("GET", "/api/customers/" + debitCustomer + "/credits", desk, null), 200).body());
            BigDecimal available = new BigDecimal(balance.get("available").get("amount").asText());
            if (available.compareTo(FUNDS.subtract(spent)) != 0)
                problems.add("balance " + available + " but " + FUNDS + " − " + spent + " accepted = " + FUNDS.subtract(spent));
            for (String order : orders) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                String status;
                do {
                    status = Bench.json(expect(subscriptions.send("GET", "/api/license-updates/" + order, tokens.partner(Bench.PARTNER), null), 200)
                            .body()).get("status").asText();
                    if (status.equals("PENDING_PAYMENT")) Thread.sleep(200);
                } while (status.equals("PENDING_PAYMENT") && System.nanoTime() < deadline);
                if (!status.equals("COMPLETED")) problems.add("order " + order + " " + status);
            }
        }
        String reconciled = sh("reconcile.sh");
        if (!reconciled.contains("everything adds up")) problems.add(reconciled.lines().reduce("", (a, b) -> b));
        return (problems.isEmpty() ? "OK: " : "DIFFERENT: " + String.join("; ", problems) + " — ") + debited.size() + " debits ("
                + debitedAgain.get() + " answered again), " + orders.size() + " orders";
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < SERVICES.size(); i++) {
            int port = PORTS[i];
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (true) {
                try (Connection c = new Connection(Bench.HOST, port)) {
                    if (c.send("GET", "/q/health/ready", "-", null).status() == 200) break;
                } catch (Exception e) {
                    // not yet
                }
                if (System.nanoTime() > deadline) throw new IllegalStateException(SERVICES.get(i) + " not ready after 3 minutes");
                Thread.sleep(100);
            }
        }
    }

    /** Runs a command in deploy/ (as bash, so $(…) works); returns its output, or fails with it. */
    private String sh(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", (command.startsWith("pg_ctl") ? "" : "./") + command).directory(deploy.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0 && !command.startsWith("reconcile")) throw new IllegalStateException(command + " failed (" + exit + "):\n" + output);
        return output;
    }

}
