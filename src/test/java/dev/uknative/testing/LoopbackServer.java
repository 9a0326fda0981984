package dev.uknative.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 serving files from memory. A path can be made to fail half-way: the
 * server sends the full Content-Length header, then part of the body, then drops the connection or
 * stalls until closed.
 */
public final class LoopbackServer implements AutoCloseable {

    /** How a path answers. */
    public enum Behaviour { NORMAL, DROP_HALF_WAY, STALL_HALF_WAY }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final CountDownLatch halfSent = new CountDownLatch(1);

    public LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public void serve(String path, byte[] content) {
        files.put(path, content);
        behaviours.put(path, Behaviour.NORMAL);
    }

    public void behave(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    /** {@code from} answers 302 with {@code Location: to} (a path on this server). */
    public void redirect(String from, String to) {
        redirects.put(from, to);
    }

    /** {@code path} waits this long before answering (two clients then overlap). */
    public void delay(String path, long millis) {
        delays.put(path, millis);
    }

    /** Waits until a path that fails half-way has sent its first half; false on timeout. */
    public boolean awaitHalfSent(long millis) throws InterruptedException {
        return halfSent.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String target = redirects.get(path);
        if (target != null) {
            exchange.getResponseHeaders().add("Location", url(target));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        Long delay = delays.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] content = files.get(path);
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Behaviour behaviour = behaviours.getOrDefault(path, Behaviour.NORMAL);
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        if (behaviour == Behaviour.NORMAL) {
            out.write(content);
            out.close();
            return;
        }
        out.write(content, 0, content.length / 2);
        out.flush();
        halfSent.countDown();
        if (behaviour == Behaviour.STALL_HALF_WAY) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Dropping the connection before the promised length: the client sees a truncated body.
        exchange.getHttpContext().getServer();
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
