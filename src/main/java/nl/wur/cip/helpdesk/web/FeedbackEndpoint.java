package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.DiskFloor;

/** {@code POST /api/feedback}: validates a thumbs up or down and stores it. */
final class FeedbackEndpoint {
    private static final Set<String> RATINGS = Set.of("up", "down");

    private final JsonRequests requests;
    private final FeedbackStore store;
    private final DiskFloor disk;
    private final Clock clock;

    FeedbackEndpoint(JsonRequests requests, FeedbackStore store, DiskFloor disk, Clock clock) {
        this.requests = requests;
        this.store = store;
        this.disk = disk;
        this.clock = clock;
    }

    Map<String, String> handle(Context ctx) {
        JsonNode body = requests.object(ctx);
        String rating = JsonRequests.requiredString(body, "rating", 4);
        if (!RATINGS.contains(rating)) {
            throw new ApiException(400, "'rating' must be \"up\" or \"down\"", "'rating' moet \"up\" of \"down\" zijn");
        }
        String question = JsonRequests.requiredString(body, "question", AskEndpoint.MAX_QUESTION_CHARS);
        String answer = JsonRequests.requiredString(body, "answer", 8000);
        String outcome = JsonRequests.requiredString(body, "outcome", 16);
        if (Outcome.fromCode(outcome).isEmpty()) {
            Bilingual codes = Bilingual.oneOf(
                    Arrays.stream(Outcome.values()).map(Outcome::code).toList());
            throw new ApiException(400, "'outcome' must be " + codes.en(), "'outcome' moet " + codes.nl() + " zijn");
        }
        String comment = JsonRequests.optionalString(body, "comment", 1000)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse(null);
        String language =
                JsonRequests.optionalLanguage(body).orElse(Language.EN).code();
        String conversationId =
                JsonRequests.optionalString(body, "conversationId", 100).orElse(null);
        ApiException.requireRoom(disk, new Bilingual("feedback", "feedback"));
        String id = UUID.randomUUID().toString();
        store.save(new Feedback(
                id, clock.instant(), conversationId, question, answer, outcome, rating, comment, language));
        return Map.of("id", id);
    }
}
