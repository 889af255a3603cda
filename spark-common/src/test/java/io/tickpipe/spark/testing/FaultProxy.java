package io.tickpipe.spark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for outages the server itself cannot stage:
 * {@link #down()} refuses and cuts every connection as a dead host would, {@link #slow} holds each
 * answer back before it is passed on, {@link #normal()} forwards as is.
 */
public final class FaultProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private volatile long delayMillis;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy for {@code host:port}. */
    public static FaultProxy to(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every connection cut, new ones closed at once: clients see a connection refused or reset. */
    public void down() {
        down = true;
        open.forEach(FaultProxy::closeQuietly);
    }

    /** Each answer of the upstream held back {@code delay} before it is passed on. */
    public void slow(Duration delay) {
        down = false;
        delayMillis = delay.toMillis();
    }

    public void normal() {
        down = false;
        delayMillis = 0;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(target);
                AtomicBoolean asked = new AtomicBoolean();
                pump(client, target, asked, false);
                pump(target, client, asked, true);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}. {@code asked} is set when a request went up; the first bytes
     * of the answer that follows wait out the delay, the rest of it follows as it comes.
     */
    private void pump(Socket from, Socket to, AtomicBoolean asked, boolean answers) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0 && !down; n = in.read(buffer)) {
                    long delay = delayMillis;
                    if (!answers) {
                        asked.set(true);
                    } else if (asked.getAndSet(false) && delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed: close the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(new Socket());
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(FaultProxy::closeQuietly);
    }
}
