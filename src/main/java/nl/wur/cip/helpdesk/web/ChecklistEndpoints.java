package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.checklist.ChecklistException;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.DiskFloor;

/** The checklist API: the tree, assessing answers, and stored assessments. */
final class ChecklistEndpoints {
    private static final int MAX_ANSWERS = 64;
    private static final int MAX_ID_CHARS = 64;

    private final JsonRequests requests;
    private final Supplier<Optional<ChecklistService>> checklist;
    private final DiskFloor disk;

    ChecklistEndpoints(JsonRequests requests, Supplier<Optional<ChecklistService>> checklist, DiskFloor disk) {
        this.requests = requests;
        this.checklist = checklist;
        this.disk = disk;
    }

    ChecklistService.Tree tree(Context ctx) {
        Language language = Optional.ofNullable(ctx.queryParam("language"))
                .map(JsonRequests::language)
                .orElse(Language.EN);
        return service().tree(language);
    }

    ChecklistService.Result assess(Context ctx) {
        JsonNode body = requests.object(ctx);
        Language language = JsonRequests.optionalString(body, "language", 5)
                .map(JsonRequests::language)
                .orElse(Language.EN);
        JsonNode answers = body.get("answers");
        if (answers == null || answers.isNull()) {
            answers = requests.mapper().createObjectNode();
        }
        if (!answers.isObject()) {
            throw new ApiException(
                    400,
                    "'answers' must be an object of question id to option id",
                    "'answers' moet een object van vraag-id naar optie-id zijn");
        }
        if (answers.size() > MAX_ANSWERS) {
            throw new ApiException(
                    400,
                    "'answers' has more than " + MAX_ANSWERS + " entries",
                    "'answers' heeft meer dan " + MAX_ANSWERS + " antwoorden");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()
                    || entry.getKey().length() > MAX_ID_CHARS
                    || entry.getValue().asText().length() > MAX_ID_CHARS) {
                throw new ApiException(
                        400,
                        "each answer must map a question id to an option id (strings of at most " + MAX_ID_CHARS
                                + " characters)",
                        "elk antwoord moet een vraag-id aan een optie-id koppelen (tekst van hoogstens " + MAX_ID_CHARS
                                + " tekens)");
            }
            given.put(entry.getKey(), entry.getValue().asText());
        }
        ApiException.requireRoom(
                disk,
                new Bilingual("checklist records", "checklistbeoordelingen")); // each assessment is stored as a record
        try {
            return service().assess(given, language);
        } catch (ChecklistException e) {
            throw new ApiException(400, e.message());
        }
    }

    String stored(Context ctx) {
        return service()
                .find(ctx.pathParam("id"))
                .orElseThrow(() -> new ApiException(404, "no assessment with this id", "geen beoordeling met dit id"));
    }

    String markdown(Context ctx) {
        String id = ctx.pathParam("id");
        String report = service()
                .markdown(id)
                .orElseThrow(() -> new ApiException(404, "no assessment with this id", "geen beoordeling met dit id"));
        ctx.header("Content-Disposition", "attachment; filename=\"tdm-self-assessment-" + id + ".md\"");
        return report;
    }

    private ChecklistService service() {
        return checklist
                .get()
                .orElseThrow(() -> new ApiException(
                        503,
                        "the checklist is not available right now",
                        "de checklist is op dit moment niet beschikbaar"));
    }
}
