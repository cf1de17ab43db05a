package io.imcredits.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The deploy/ scripts, as an operator would run them: tokens, and starting or stopping parts of the system. */
final class Deploy {

    static final Path DIR = Path.of(System.getProperty("deploy.dir", "..")).toAbsolutePath().normalize();

    private Deploy() {}

    static String partnerToken(UUID partnerId) {
        return lastLine(run("token.sh", "partner", partnerId.toString()));
    }

    static String deskToken(String customerId) {
        return lastLine(run("token.sh", "desk", customerId));
    }

    static String opsToken() {
        return lastLine(run("token.sh", "ops"));
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

    static void stopKafka() {
        run("kafka.sh", "stop");
    }

    static void startKafka() {
        run("kafka.sh", "start");
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
