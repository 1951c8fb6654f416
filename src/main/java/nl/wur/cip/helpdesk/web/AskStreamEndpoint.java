package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.wur.cip.helpdesk.guard.WorkGate;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/ask/stream}: the same question body as {@code /api/ask}, answered as Server-Sent Events:
 * {@code event: token} with {@code {"text": "..."}} for each piece of the model's reply as it arrives, then one
 * {@code event: answer} with exactly the {@code /api/ask} JSON. The final answer is the one to show: when the model
 * failed it is the extractive answer with {@code "degraded": true}, and it replaces the streamed text. Without an LLM
 * only the answer event is sent. Bad input is refused with the usual JSON error before the stream starts.
 */
final class AskStreamEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AskStreamEndpoint.class);

    private final AskEndpoint ask;
    private final ObjectMapper mapper;

    AskStreamEndpoint(AskEndpoint ask, ObjectMapper mapper) {
        this.ask = ask;
        this.mapper = mapper;
    }

    void handle(Context ctx) throws IOException {
        AskEndpoint.Question question = ask.question(ctx);
        LlmAnswerService service = ask.service();
        try (WorkGate.Permit permit = ask.enter()) { // before the 200 goes out, so a full gate can still answer 503
            stream(ctx, question, service);
        }
    }

    private void stream(Context ctx, AskEndpoint.Question question, LlmAnswerService service) throws IOException {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not buffer the stream
        OutputStream out = response.getOutputStream();
        out.flush(); // headers out now: the client knows the stream started
        AskEndpoint.AskResponse answer;
        try {
            answer = ask.answered(
                    question,
                    service.ask(
                            question.text(),
                            question.language(),
                            question.previousQuestion(),
                            token -> send(out, "token", Map.of("text", token))));
        } catch (UncheckedIOException e) {
            LOG.debug("stream client went away");
            return;
        } catch (RuntimeException e) {
            LOG.error("unexpected error while streaming an answer", e);
            send(out, "error", Map.of("error", ApiException.SERVER_FAULT.in(RequestLanguage.of(ctx))));
            return;
        }
        send(out, "answer", answer);
    }

    private void send(OutputStream out, String event, Object data) {
        try {
            // Compact JSON has no raw line breaks, so one data line carries the whole event.
            String frame = "event: " + event + "\ndata: " + mapper.writeValueAsString(data) + "\n\n";
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
