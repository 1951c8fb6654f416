package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.answer.Citation;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/ask}: validates the question and returns the answer in the API's JSON shape. */
final class AskEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AskEndpoint.class);
    static final int MAX_QUESTION_CHARS = 2000;

    /** The response body of {@code /api/ask}, field for field as DESIGN.md specifies. */
    record AskResponse(String answer, String outcome, String language, double confidence, List<Citation> citations,
                       String escalationReason, List<String> followUps, String disclaimer, String source) {
        static AskResponse of(Answer a) {
            return new AskResponse(a.answer(), a.outcome().code(), a.language().code(), a.confidence(), a.citations(),
                    a.escalationReason(), a.followUps(), a.disclaimer(), a.source());
        }
    }

    private final JsonRequests requests;
    private final Supplier<Optional<AnswerService>> answers;
    private final UnansweredLog unanswered;
    private final Clock clock;

    AskEndpoint(JsonRequests requests, Supplier<Optional<AnswerService>> answers, UnansweredLog unanswered, Clock clock) {
        this.requests = requests;
        this.answers = answers;
        this.unanswered = unanswered;
        this.clock = clock;
    }

    AskResponse handle(Context ctx) {
        JsonNode body = requests.object(ctx);
        String question = JsonRequests.requiredString(body, "question", MAX_QUESTION_CHARS);
        Optional<Language> language = JsonRequests.optionalString(body, "language", 5).map(code -> Language.fromCode(code)
                .orElseThrow(() -> new ApiException(400, "'language' must be \"en\" or \"nl\"")));
        JsonRequests.optionalString(body, "conversationId", 100);
        AnswerService service = answers.get()
                .orElseThrow(() -> new ApiException(503, "the helpdesk is starting; try again in a few seconds"));
        Answer answer = service.ask(question, language);
        if (answer.outcome() != Outcome.ANSWERED) {
            logUnanswered(question, answer);
        }
        return AskResponse.of(answer);
    }

    /** The office reviews what the helpdesk could not answer; losing a log line must not cost the researcher the answer. */
    private void logUnanswered(String question, Answer answer) {
        try {
            unanswered.record(new UnansweredLog.Entry(clock.instant(), answer.language().code(), answer.outcome().code(),
                    answer.confidence(), answer.source(), question.strip()));
        } catch (RuntimeException e) {
            LOG.warn("could not log an unanswered question: {}", e.getMessage());
        }
    }
}
