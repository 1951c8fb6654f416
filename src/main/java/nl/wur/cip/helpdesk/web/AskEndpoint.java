package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;

/** {@code POST /api/ask}: validates the question and returns the answer in the API's JSON shape. */
final class AskEndpoint {
    static final int MAX_QUESTION_CHARS = 2000;

    /**
     * The response body of {@code /api/ask}, field for field as DESIGN.md specifies, plus {@code degraded}: true when
     * the configured LLM failed and this is the extractive answer instead.
     */
    record AskResponse(String answer, String outcome, String language, double confidence, List<Citation> citations,
                       String escalationReason, List<String> followUps, String disclaimer, String source,
                       boolean degraded) {
        static AskResponse of(Answer a) {
            return of(a, false);
        }

        static AskResponse of(Answer a, boolean degraded) {
            return new AskResponse(a.answer(), a.outcome().code(), a.language().code(), a.confidence(), a.citations(),
                    a.escalationReason(), a.followUps(), a.disclaimer(), a.source(), degraded);
        }

        static AskResponse of(LlmAnswerService.Result result) {
            return of(result.answer(), result.degraded());
        }
    }

    /** A checked question. */
    record Question(String text, Optional<Language> language) {
    }

    private final JsonRequests requests;
    private final Supplier<Optional<LlmAnswerService>> answers;

    AskEndpoint(JsonRequests requests, Supplier<Optional<LlmAnswerService>> answers) {
        this.requests = requests;
        this.answers = answers;
    }

    AskResponse handle(Context ctx) {
        Question question = question(ctx);
        return AskResponse.of(service().ask(question.text(), question.language()));
    }

    Question question(Context ctx) {
        JsonNode body = requests.object(ctx);
        String question = JsonRequests.requiredString(body, "question", MAX_QUESTION_CHARS);
        Optional<Language> language = JsonRequests.optionalString(body, "language", 5).map(code -> Language.fromCode(code)
                .orElseThrow(() -> new ApiException(400, "'language' must be \"en\" or \"nl\"")));
        JsonRequests.optionalString(body, "conversationId", 100);
        return new Question(question, language);
    }

    LlmAnswerService service() {
        return answers.get()
                .orElseThrow(() -> new ApiException(503, "the helpdesk is starting; try again in a few seconds"));
    }
}
