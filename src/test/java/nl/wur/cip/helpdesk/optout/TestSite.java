package nl.wur.cip.helpdesk.optout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A website on 127.0.0.1 for the checker to check: each path answered by a handler the test sets. */
final class TestSite implements AutoCloseable {
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-site");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, String> userAgents = new ConcurrentHashMap<>();

    TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getRawPath();
            userAgents.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            try {
                Handler handler = routes.get(path);
                if (handler == null) {
                    send(exchange, 404, "text/plain", "not found");
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the checker hung up (cap reached or timed out): expected in some tests
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    TestSite on(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    TestSite text(String path, String contentType, String body) {
        return on(path, exchange -> send(exchange, 200, contentType, body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
