package io.imcredits.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The deploy/ scripts, as an operator would run them: tokens, and starting or stopping parts of the system. */
final class Deploy {

    static final Path DIR = Path.of(System.getProperty("deploy.dir", "..")).toAbsolutePath().normalize();

    private Deploy() {}

    /** A Keycloak token of a partner user (made the first time: a partner group and one user in it). */
    static String partnerToken(UUID partnerId) {
        return token("partner", partnerId.toString());
    }

    /** A Keycloak token of a demo partner's user: acme or globex. */
    static String demoPartnerToken(String user) {
        return token("partner", user);
    }

    /** A Keycloak token of the customer's Desk client (registered the first time). */
    static String deskToken(String customerId) {
        return token("desk", customerId);
    }

    static String opsToken() {
        return token("ops");
    }

    /** Tokens live five minutes or more: one is asked for again after a minute, not for every request. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(1);
    private static final Map<List<String>, Map.Entry<Instant, String>> TOKENS = new ConcurrentHashMap<>();

    /** After a key rotation or an outage: the next token is a new one. */
    static void forgetTokens() {
        TOKENS.clear();
    }

    private static String token(String... who) {
        List<String> key = List.of(who);
        Map.Entry<Instant, String> known = TOKENS.get(key);
        if (known != null && known.getKey().isAfter(Instant.now().minus(TOKEN_REUSE))) return known.getValue();
        String[] args = new String[who.length + 1];
        args[0] = "token";
        System.arraycopy(who, 0, args, 1, who.length);
        String token = lastLine(run("keycloak.sh", args));
        TOKENS.put(key, Map.entry(Instant.now(), token));
        return token;
    }

    static void killService(String name) {
        run("service.sh", "kill", name);
    }

    static void stopService(String name) {
        run("service.sh", "stop", name);
    }

    static void startService(String name) {
        run("service.sh", "start", name);
    }

    /** A second instance of the service, 10 ports above the first, on the same database and consumer group. */
    static void startSecondInstance(String name) {
        run("service.sh", "start", name, "2");
    }

    static void stopSecondInstance(String name) {
        run("service.sh", "stop", name, "2");
    }

    static void stopKafka() {
        run("kafka.sh", "stop");
    }

    static void startKafka() {
        run("kafka.sh", "start");
    }

    static void stopKeycloak() {
        run("keycloak.sh", "stop");
    }

    static void startKeycloak() {
        run("keycloak.sh", "start");
    }

    static String reconcile() {
        return run("reconcile.sh");
    }

    /** Runs a script of deploy/ and returns its output; a non-zero exit fails the test with that output. */
    static String run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
