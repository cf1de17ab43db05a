package io.imcredits.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a load balancer in front of a service's instances does for the chaos run's clients: each request goes to the
 * first instance (by port: the first instance, then the second, port + 10) whose readiness was UP at the last poll,
 * every 200 ms. An instance that stops gracefully reports DOWN for a while before it closes (quarkus.shutdown.delay),
 * so it gets no new request; with no instance ready, the first one gets it and the client sees why it failed.
 */
final class Balancer implements Closeable {

    /** The readiness of every port any balancer uses, polled by one thread. */
    private static final Map<Integer, Boolean> READY = new ConcurrentHashMap<>();

    static {
        Thread poller = new Thread(Balancer::poll, "readiness-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private final int[] ports;
    private final Connection[] connections;
    private int current = -1;

    Balancer(int firstPort) {
        ports = new int[]{firstPort, firstPort + 10};
        connections = new Connection[ports.length];
        for (int i = 0; i < ports.length; i++) {
            connections[i] = new Connection(Bench.HOST, ports[i]);
            READY.putIfAbsent(ports[i], i == 0); // until the first poll: the first instance, as before
        }
    }

    Connection.Response send(String method, String path, String token, String body) throws IOException {
        return send(method, path, token, body, "");
    }

    Connection.Response send(String method, String path, String token, String body, String headers) throws IOException {
        int chosen = 0;
        while (chosen < ports.length && !READY.getOrDefault(ports[chosen], false)) chosen++;
        if (chosen == ports.length) chosen = 0;
        // leaving an instance closes the kept-alive connection to it: it would be closed under the next request
        if (chosen != current && current >= 0) connections[current].close();
        current = chosen;
        return connections[chosen].send(method, path, token, body, headers);
    }

    private static void poll() {
        Map<Integer, Connection> probes = new ConcurrentHashMap<>();
        while (true) {
            for (int port : READY.keySet()) {
                Connection probe = probes.computeIfAbsent(port, p -> new Connection(Bench.HOST, p));
                boolean ready;
                try {
                    ready = probe.send("GET", "/q/health/ready", "-", null).status() == 200;
                } catch (IOException e) {
                    ready = false; // refused or closed: not there
                }
                READY.put(port, ready);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections) connection.close();
    }
}
