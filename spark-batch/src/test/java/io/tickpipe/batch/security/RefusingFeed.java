package io.tickpipe.batch.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A websocket endpoint on 127.0.0.1 that refuses every handshake with HTTP 401, as Finnhub does a
 * token it does not know: the producer then reports the failure and tries again. It records each
 * request line, where the producer's token travels.
 */
final class RefusingFeed implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());

    RefusingFeed() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "refusing-feed");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                requestLines.add(head(socket.getInputStream()).lines().findFirst().orElse(""));
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedOrReset) {
                // closed by close(), or a client that went away: the next accept tells which
            }
        }
    }

    /** The request up to the blank line that ends its headers. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join(10_000);
    }
}
