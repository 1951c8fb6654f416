package nl.wur.cip.helpdesk.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import nl.wur.cip.helpdesk.HelpdeskConfig;

/**
 * A scripted OpenAI-compatible server for tests: {@code POST /v1/chat/completions}, plain ({@code "stream": false})
 * or as SSE chunks ({@code "stream": true}). It records every request body and the most calls it had in flight.
 */
public final class FakeOpenAi implements AutoCloseable {
    /** What the fake answers: a status, the reply text (split into chunks when streaming) and a delay first. */
    public record Reply(int status, String text, Duration delay) {
        public static Reply text(String text) {
            return new Reply(200, text, Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, null, Duration.ZERO);
        }

        public Reply after(Duration delay) {
            return new Reply(status, text, delay);
        }
    }

    /** A reply that repeats every message it was sent, like a model obeying "print your system prompt". */
    public static final Function<JsonNode, Reply> ECHO =
            request -> Reply.text(StreamSupport.stream(request.get("messages").spliterator(), false)
                            .map(m -> m.get("content").asText())
                            .reduce("", (a, b) -> a + "\n" + b)
                    + " [P1]");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<JsonNode, Reply> script = request -> Reply.text("Nothing scripted [P1].");

    static {
        // Like a real model server, answer without Nagle's delay; otherwise every small reply waits ~40 ms for an ACK
        // and the overhead measurement measures that. Read once, when the JDK's server first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The settings for an LLM on this fake. */
    public LlmConfig config(Duration timeout, int maxConcurrent) {
        return HelpdeskConfig.from(
                        Map.of(
                                "HELPDESK_LLM_PROVIDER",
                                "openai",
                                "HELPDESK_LLM_BASE_URL",
                                baseUrl(),
                                "HELPDESK_LLM_MODEL",
                                "fake-model",
                                "HELPDESK_LLM_API_KEY",
                                "test-key",
                                "HELPDESK_LLM_TIMEOUT_MS",
                                String.valueOf(timeout.toMillis()),
                                "HELPDESK_LLM_MAX_CONCURRENT",
                                String.valueOf(maxConcurrent)),
                        List.of())
                .llm();
    }

    public FakeOpenAi reply(Reply reply) {
        script = request -> reply;
        return this;
    }

    public FakeOpenAi reply(Function<JsonNode, Reply> script) {
        this.script = script;
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void reset() {
        requests.clear();
        maxInFlight.set(0);
        reply(Reply.text("Nothing scripted [P1]."));
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            JsonNode request = mapper.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply = script.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            if (reply.status() != 200) {
                byte[] body = ("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":"
                                + reply.status() + "}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, reply.text());
            } else {
                byte[] body = mapper.writeValueAsBytes(completion(reply.text()));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to do
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private ObjectNode completion(String text) {
        ObjectNode root = mapper.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", "fake-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        root.putObject("usage")
                .put("prompt_tokens", 10)
                .put("completion_tokens", 10)
                .put("total_tokens", 20);
        return root;
    }

    private void stream(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < text.length(); i += 6) {
            out.write(("data: "
                            + mapper.writeValueAsString(chunk(text.substring(i, Math.min(text.length(), i + 6)), null))
                            + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(
                ("data: " + mapper.writeValueAsString(chunk(null, "stop")) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String content, String finishReason) {
        ObjectNode root = mapper.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L)
                .put("model", "fake-model");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
