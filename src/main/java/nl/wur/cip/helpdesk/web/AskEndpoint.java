package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.WorkGate;
import nl.wur.cip.helpdesk.insight.AnswerRecord;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.ops.Metrics;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/ask}: validates the question and returns the answer in the API's JSON shape. */
final class AskEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AskEndpoint.class);
    static final int MAX_QUESTION_CHARS = 2000;

    /**
     * The response body of {@code /api/ask}, field for field as the README's HTTP API section specifies, plus {@code degraded}: true when
     * the configured LLM failed and this is the extractive answer instead.
     */
    record AskResponse(
            String answer,
            String outcome,
            String language,
            double confidence,
            List<Citation> citations,
            String escalationReason,
            List<String> followUps,
            String disclaimer,
            String source,
            boolean degraded) {
        static AskResponse of(Answer a, boolean degraded) {
            return new AskResponse(
                    a.answer(),
                    a.outcome().code(),
                    a.language().code(),
                    a.confidence(),
                    a.citations(),
                    a.escalationReason(),
                    a.followUps(),
                    a.disclaimer(),
                    a.source(),
                    degraded);
        }

        static AskResponse of(LlmAnswerService.Result result) {
            return of(result.answer(), result.degraded());
        }
    }

    /** A checked question, with the conversation's previous question when the page sends it. */
    record Question(String text, Optional<Language> language, Optional<String> previousQuestion) {}

    private final JsonRequests requests;
    private final Supplier<Optional<LlmAnswerService>> answers;
    private final UnansweredLog unanswered;
    private final AnswerRecorder records;
    private final DiskFloor disk;
    private final WorkGate gate;
    private final Metrics metrics;
    private final Clock clock;

    AskEndpoint(
            JsonRequests requests,
            Supplier<Optional<LlmAnswerService>> answers,
            UnansweredLog unanswered,
            AnswerRecorder records,
            DiskFloor disk,
            WorkGate gate,
            Metrics metrics,
            Clock clock) {
        this.requests = requests;
        this.answers = answers;
        this.unanswered = unanswered;
        this.records = records;
        this.disk = disk;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
    }

    AskResponse handle(Context ctx) {
        Question question = question(ctx);
        LlmAnswerService service = service();
        return answered(
                question,
                gate.run(() -> service.ask(question.text(), question.language(), question.previousQuestion(), null)));
    }

    /** A slot for answer work in the server's bounded gate; {@link WorkGate.Overloaded} when it is full. */
    WorkGate.Permit enter() {
        return gate.enter();
    }

    /**
     * The response for an answer: counted for the office's insight page (queued, never written on this thread), and
     * its question noted for the office when the helpdesk could not answer it itself.
     */
    AskResponse answered(Question question, LlmAnswerService.Result result) {
        Answer answer = result.answer();
        metrics.answer(answer.outcome().code(), result.degraded());
        records.record(AnswerRecord.of(answer, clock.instant()));
        if (answer.outcome() != Outcome.ANSWERED && disk.hasRoom()) { // short of disk, the log line is what gives way
            try {
                unanswered.record(new UnansweredLog.Entry(
                        clock.instant(),
                        answer.language().code(),
                        answer.outcome().code(),
                        answer.confidence(),
                        answer.source(),
                        question.text().strip()));
            } catch (RuntimeException e) {
                // Losing a log line must not cost the researcher the answer.
                LOG.warn("could not log an unanswered question: {}", e.getMessage());
            }
        }
        return AskResponse.of(result);
    }

    Question question(Context ctx) {
        JsonNode body = requests.object(ctx);
        String question = JsonRequests.requiredString(body, "question", MAX_QUESTION_CHARS);
        // Only invisible or control characters: nothing to search for (and the embedding model refuses empty text).
        if (question.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new ApiException(400, "'question' must contain words", "'question' moet woorden bevatten");
        }
        Optional<Language> language = JsonRequests.optionalLanguage(body);
        JsonRequests.optionalString(body, "conversationId", 100);
        // Sent by the page, which keeps the conversation: the server keeps nothing between questions.
        Optional<String> previous = JsonRequests.optionalString(body, "previousQuestion", MAX_QUESTION_CHARS)
                .filter(p -> p.codePoints().anyMatch(Character::isLetterOrDigit));
        return new Question(question, language, previous);
    }

    LlmAnswerService service() {
        return answers.get()
                .orElseThrow(() -> new ApiException(
                        503,
                        "the helpdesk is starting; try again in a few seconds",
                        "de helpdesk start nog op; probeer het over een paar seconden opnieuw"));
    }
}
