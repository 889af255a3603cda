package io.tickpipe.producer.source;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local websocket server that behaves as Finnhub's trade feed does: once a connection has
 * subscribed to the expected number of symbols it sends that connection's script of messages, and
 * it drops the connection (no close handshake) when the script says so. Connections beyond the
 * scripts get the last one again: a client that reconnected once more than planned (a slow machine
 * can make a connection look idle) still receives what it waits for, so a test fails on its
 * assertions instead of waiting forever.
 */
public final class FinnhubProtocolServer extends WebSocketServer {
    public static final String DROP = "<drop the connection>";

    private final int symbolsPerConnection;
    private final List<List<String>> scripts;
    private final CountDownLatch started = new CountDownLatch(1);
    public final List<String> resourceDescriptors = Collections.synchronizedList(new ArrayList<>());
    public final List<List<String>> subscriptions = Collections.synchronizedList(new ArrayList<>());

    /** @param scripts the messages for connection 1, 2, ... */
    public FinnhubProtocolServer(int symbolsPerConnection, List<List<String>> scripts) throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.symbolsPerConnection = symbolsPerConnection;
        this.scripts = scripts;
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("websocket server did not start");
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        resourceDescriptors.add(handshake.getResourceDescriptor());
        subscriptions.add(Collections.synchronizedList(new ArrayList<>()));
        conn.setAttachment(subscriptions.size() - 1);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        int connection = conn.<Integer>getAttachment();
        List<String> subscribed = subscriptions.get(connection);
        subscribed.add(message);
        if (subscribed.size() == symbolsPerConnection && !scripts.isEmpty()) {
            for (String line : scripts.get(Math.min(connection, scripts.size() - 1))) {
                if (DROP.equals(line)) {
                    // Drop the TCP connection without a close frame, once the frames above are on the wire.
                    Thread dropper = new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException ignored) {
                            return;
                        }
                        conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
                    });
                    dropper.setDaemon(true);
                    dropper.start();
                    return;
                }
                conn.send(line);
            }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    public void shutdown() throws InterruptedException {
        stop(1000);
    }
}
