package nl.wur.cip.helpdesk.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import nl.wur.cip.helpdesk.search.ScoredPassage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with an LLM when one is configured, on top of the extractive answer service. The extractive service always
 * runs first and decides the outcome; only an {@code answered} question is rewritten by the model, from the same
 * passages, and only an answer that passes {@link LlmOutputCheck} is used. Anything else (timeout, HTTP error, rate
 * limit, no free slot, rejected output) returns the extractive answer flagged {@code degraded}. Logs never hold the
 * question.
 */
public final class LlmAnswerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerService.class);
    /** How long a request waits for a free model slot before it takes the extractive answer. */
    static final long PERMIT_WAIT_MS = 50;

    /** The answer and whether it is the extractive fallback for a model that failed. */
    public record Result(Answer answer, boolean degraded) {}

    private final AnswerService extractive;
    private final LlmConfig config;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final Semaphore permits;
    private final ExecutorService calls;

    LlmAnswerService(AnswerService extractive, LlmConfig config, ChatModel chat, StreamingChatModel streaming) {
        this(
                extractive,
                config,
                chat,
                streaming,
                new Semaphore(config.maxConcurrent(), true),
                config.enabled()
                        ? Executors.newCachedThreadPool(r -> {
                            Thread thread = new Thread(r, "llm-call");
                            thread.setDaemon(true);
                            return thread;
                        })
                        : null);
    }

    private LlmAnswerService(
            AnswerService extractive,
            LlmConfig config,
            ChatModel chat,
            StreamingChatModel streaming,
            Semaphore permits,
            ExecutorService calls) {
        this.extractive = extractive;
        this.config = config;
        this.chat = chat;
        this.streaming = streaming;
        this.permits = permits;
        this.calls = calls;
    }

    /**
     * The same model over other extractive answers (a reloaded knowledge): the connection, the model slots and the call
     * threads are shared, so old and new answers together never take more slots than configured. Closing either
     * closes the shared threads: close only the last at shutdown.
     */
    public LlmAnswerService withExtractive(AnswerService other) {
        return new LlmAnswerService(other, config, chat, streaming, permits, calls);
    }

    /** The extractive answers this service starts from (and falls back to). */
    public AnswerService extractive() {
        return extractive;
    }

    /** The extractive answers only: no model. */
    public static LlmAnswerService extractiveOnly(AnswerService extractive) {
        return new LlmAnswerService(extractive, LlmConfig.disabled(), null, null);
    }

    /** Connects to the configured OpenAI-compatible endpoint (Ollama serves one at {@code /v1}). */
    public static LlmAnswerService create(AnswerService extractive, LlmConfig config) {
        if (!config.enabled()) {
            return extractiveOnly(extractive);
        }
        // Ollama and many local servers need no key, but the client always sends one.
        String key = config.apiKey().isEmpty() ? "none" : config.apiKey();
        ChatModel chat = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(key)
                .modelName(config.model())
                .maxTokens(config.maxTokens())
                .temperature(0.2)
                .timeout(config.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        StreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(key)
                .modelName(config.model())
                .maxTokens(config.maxTokens())
                .temperature(0.2)
                .timeout(config.timeout())
                .logRequests(false)
                .logResponses(false)
                .build();
        LOG.info("LLM answers on: {}", config);
        return new LlmAnswerService(extractive, config, chat, streaming);
    }

    public boolean llmEnabled() {
        return config.enabled();
    }

    /** The answer, waiting for the whole model reply. */
    public Result ask(String question, Optional<Language> language) {
        return ask(question, language, Optional.empty(), null);
    }

    /**
     * The answer; with a token consumer, the model's reply is streamed to it on the calling thread as it arrives
     * (text that looks unsafe is held back). The final answer may still differ: the caller shows that one.
     */
    public Result ask(
            String question, Optional<Language> language, Optional<String> previousQuestion, Consumer<String> tokens) {
        AnswerService.Answered base = extractive.askWithRetrieval(question, language, previousQuestion);
        Answer answer = base.answer();
        // An answer card is the office's approved wording, kept as written; the model only replaces the extractive
        // composer.
        if (!config.enabled()
                || answer.outcome() != Outcome.ANSWERED
                || answer.source().startsWith("card:")) {
            return new Result(answer, false);
        }
        List<Passage> passages = LlmPrompt.chosen(
                base.retrieval().passages().stream().map(ScoredPassage::passage).toList());
        if (passages.isEmpty()) {
            return new Result(answer, false);
        }
        ChatRequest request = ChatRequest.builder()
                .messages(LlmPrompt.messages(base.understoodAs(), answer.language(), passages))
                .build();
        long start = System.nanoTime();
        try {
            if (!permits.tryAcquire(PERMIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return degraded(answer, "no free model slot (" + config.maxConcurrent() + " in use)", start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return degraded(answer, "interrupted", start);
        }
        Once release = new Once(permits::release);
        String output;
        try {
            output = tokens == null ? callBlocking(request, release) : callStreaming(request, release, tokens);
        } catch (ModelFailure e) {
            return degraded(answer, e.getMessage(), start);
        }
        LlmOutputCheck.Outcome checked = LlmOutputCheck.check(output, passages);
        if (!checked.accepted()) {
            return degraded(answer, "output rejected: " + checked.reason(), start);
        }
        return new Result(
                new Answer(
                        checked.text(),
                        answer.outcome(),
                        answer.language(),
                        answer.confidence(),
                        answer.probability(),
                        checked.citations(),
                        answer.escalationReason(),
                        answer.followUps(),
                        answer.disclaimer(),
                        "llm:" + config.model()),
                false);
    }

    private String callBlocking(ChatRequest request, Once release) throws ModelFailure {
        Future<String> call;
        try {
            call = calls.submit(() -> {
                try {
                    return chat.chat(request).aiMessage().text();
                } finally {
                    release.run();
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw new ModelFailure("could not start the call");
        }
        try {
            return call.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true); // interrupts the HTTP call; the permit is free again either way
            release.run();
            throw new ModelFailure("timeout after " + config.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ModelFailure(describe(e.getCause()));
        } catch (InterruptedException e) {
            call.cancel(true);
            release.run();
            Thread.currentThread().interrupt();
            throw new ModelFailure("interrupted");
        }
    }

    private sealed interface Event permits Token, Done, Failed {}

    private record Token(String text) implements Event {}

    private record Done(String text) implements Event {}

    private record Failed(Throwable error) implements Event {}

    private String callStreaming(ChatRequest request, Once release, Consumer<String> tokens) throws ModelFailure {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (abandoned.get()) {
                    context.streamingHandle().cancel();
                } else if (partial.text() != null && !partial.text().isEmpty()) {
                    events.add(new Token(partial.text()));
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                release.run();
                events.add(new Done(
                        response.aiMessage() == null
                                ? null
                                : response.aiMessage().text()));
            }

            @Override
            public void onError(Throwable error) {
                release.run();
                events.add(new Failed(error));
            }
        };
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try {
            calls.execute(() -> {
                try {
                    streaming.chat(request, handler);
                } catch (RuntimeException e) {
                    handler.onError(e);
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw new ModelFailure("could not start the call");
        }
        StringBuilder received = new StringBuilder();
        int sent = 0;
        boolean stopped = false; // streaming to the client stops for good once the text looks unsafe
        // The last characters are held back until more arrive, so a prompt marker split over tokens never leaks.
        int holdBack = LlmPrompt.CANARY.length() + 16;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new ModelFailure("timeout after " + config.timeout().toMillis() + " ms");
                }
                if (event instanceof Failed failed) {
                    throw new ModelFailure(describe(failed.error()));
                }
                if (event instanceof Done done) {
                    return done.text() != null ? done.text() : received.toString();
                }
                received.append(((Token) event).text());
                if (!stopped && LlmOutputCheck.unsafeSoFar(received.toString())) {
                    stopped = true;
                }
                int safeEnd = received.length() - holdBack;
                if (!stopped && safeEnd > sent) {
                    tokens.accept(received.substring(sent, safeEnd));
                    sent = safeEnd;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailure("interrupted");
        } finally {
            // Whatever ended the wait (done, failure, deadline, a client that went away), the call is over for us.
            abandoned.set(true);
            Optional.ofNullable(handle.get()).filter(h -> !h.isCancelled()).ifPresent(StreamingHandle::cancel);
            release.run();
        }
    }

    /** What went wrong, without any text from the request or the reply. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return "HTTP " + http.statusCode() + (http.statusCode() == 429 ? " (rate limited)" : "");
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "cannot connect to the model";
            }
            if (t.getCause() == null) {
                return t.getClass().getSimpleName();
            }
        }
        return "error";
    }

    private Result degraded(Answer answer, String reason, long start) {
        LOG.warn(
                "LLM answer not used, extractive answer returned: {} ({} ms, model {})",
                reason,
                (System.nanoTime() - start) / 1_000_000,
                config.model());
        return new Result(answer, true);
    }

    /** A model call that did not give usable text; the message is safe to log. */
    private static final class ModelFailure extends Exception {
        ModelFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs its action at most once, from whichever thread gets there first. */
    private static final class Once implements Runnable {
        private final AtomicBoolean done = new AtomicBoolean();
        private final Runnable action;

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
    }
}
