package io.imcredits.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, one request at a time: the cheapest client we can write, so that
 * on a 2-core machine the load generator takes as little CPU as possible from the service it measures.
 */
final class Connection implements Closeable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Connection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends a request and reads the whole answer; returns the status and the body. */
    Response send(String method, String path, String token, String body) throws IOException {
        return send(method, path, token, body, "");
    }

    /** headers: extra header lines, each ending in CRLF. */
    Response send(String method, String path, String token, String body, String headers) throws IOException {
        if (socket == null) open();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: application/json\r\n" + (body == null ? "" : "Content-Type: application/json\r\n")
                + headers + "Content-Length: " + content.length + "\r\n\r\n";
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    record Response(int status, String body) {}

    /** The response, when it has the status expected; otherwise fails with what came instead. */
    static Response expect(Response response, int status) {
        if (response.status() != status) throw new IllegalStateException("expected " + status + " but got " + response.status() + ": " + response.body());
        return response;
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) throw new IOException("connection closed");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        boolean chunked = false, closing = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) length = Integer.parseInt(lower.substring(15).trim());
            else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            else if (lower.startsWith("connection:") && lower.contains("close")) closing = true;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else {
            body.write(in.readNBytes(length));
        }
        if (closing) close();
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') return line.toString();
            if (c != '\r') line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.connect(new InetSocketAddress(host, port), 5000); // refused: no socket kept, the next send tries again
        opened.setSoTimeout(30_000);
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(opened.getOutputStream(), 8 * 1024);
        socket = opened;
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // nothing to do: the next send opens a new connection
        }
        socket = null;
    }
}
