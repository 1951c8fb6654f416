package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checklist endpoints over real HTTP with the shipped checklist and a real database. */
class ChecklistApiTest {
    @RegisterExtension
    static final HelpdeskServerExtension helpdesk =
            HelpdeskServerExtension.builder().starting().checklist().build();

    private final ObjectMapper mapper = new ObjectMapper();

    /** Answers the first option of every question until the checklist is complete. */
    private JsonNode completeWithFirstOptions(String language) throws Exception {
        ObjectNode answers = mapper.createObjectNode();
        for (int step = 0; step < 50; step++) {
            JsonNode result = mapper.readTree(helpdesk.post(
                            "/api/checklist/assess",
                            mapper.createObjectNode()
                                    .put("language", language)
                                    .set("answers", answers)
                                    .toString())
                    .body());
            if (result.get("complete").asBoolean()) {
                return result;
            }
            JsonNode next = result.get("next");
            answers.put(
                    next.get("id").asText(),
                    next.get("options").get(0).get("id").asText());
        }
        throw new AssertionError("the checklist did not end within 50 questions");
    }

    @Test
    void theTreeComesInTheRequestedLanguage() throws Exception {
        JsonNode en = mapper.readTree(helpdesk.get("/api/checklist").body());
        JsonNode nl = mapper.readTree(helpdesk.get("/api/checklist?language=nl").body());
        assertFalse(en.get("questions").isEmpty());
        assertEquals(en.get("start").asText(), nl.get("start").asText());
        assertFalse(en.get("questions")
                .get(0)
                .get("text")
                .asText()
                .equals(nl.get("questions").get(0).get("text").asText()));
    }

    @Test
    void aPartialAssessmentAsksTheNextQuestion() throws Exception {
        HttpResponse<String> response = helpdesk.post("/api/checklist/assess", "{\"answers\":{}}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = mapper.readTree(response.body());
        assertFalse(result.get("complete").asBoolean());
        assertTrue(result.get("verdict").isNull());
        assertTrue(result.get("assessmentId").isNull());
        JsonNode next = result.get("next");
        assertFalse(next.get("text").asText().isBlank());
        assertFalse(next.get("help").asText().isBlank());
        assertTrue(next.get("options").size() >= 2);
    }

    @Test
    void aCompleteAssessmentHasAVerdictSourcesAndCanBeFetchedAgain() throws Exception {
        JsonNode result = completeWithFirstOptions("en");
        assertTrue(result.get("next").isNull());
        assertFalse(result.get("verdict").get("title").asText().isBlank());
        assertFalse(result.get("citations").isEmpty());
        assertFalse(result.get("steps").isEmpty());
        String id = result.get("assessmentId").asText();
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        HttpResponse<String> stored = helpdesk.get("/api/checklist/assessments/" + id);
        assertEquals(200, stored.statusCode());
        assertEquals(result.get("verdict"), mapper.readTree(stored.body()).get("verdict"));
        HttpResponse<String> report = helpdesk.get("/api/checklist/assessments/" + id + "/report.md");
        assertEquals(200, report.statusCode());
        assertTrue(report.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(report.body().contains(result.get("verdict").get("title").asText()), report.body());
        assertTrue(
                report.body().contains(result.get("steps").get(0).get("answer").asText()), report.body());
        assertTrue(report.body().contains("## Sources") && report.body().contains("not legal advice"), report.body());
        assertEquals(
                404,
                helpdesk.get("/api/checklist/assessments/AAAAAAAAAAAAAAAAAAAAAA")
                        .statusCode());
        assertEquals(
                404, helpdesk.get("/api/checklist/assessments/..%2F..%2Fetc").statusCode());
    }

    @Test
    void assessingTheSameAnswersAgainRefreshesOneRecordSoPostsInALoopCannotFillTheDisk() throws Exception {
        AssessmentStore store = new AssessmentStore(helpdesk.database());
        String first = completeWithFirstOptions("en").get("assessmentId").asText();
        int stored = store.count();
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    first,
                    completeWithFirstOptions("en").get("assessmentId").asText(),
                    "the same answers, the same record");
        }
        assertEquals(stored, store.count(), "no new rows");
        String dutch = completeWithFirstOptions("nl").get("assessmentId").asText();
        assertNotEquals(first, dutch, "another language is another record");
        assertEquals(200, helpdesk.get("/api/checklist/assessments/" + first).statusCode());
    }

    @Test
    void aPathWithPermissionNeededAndUnclearKeepsTheVerdictAndListsBothLevels() throws Exception {
        ObjectNode answers = mapper.createObjectNode();
        answers.put("material", "text")
                .put("personal_data", "none")
                .put("source", "open_web")
                .put("lawfulness", "suspected")
                .put("who", "wur_researcher")
                .put("purpose", "scientific_research")
                .put("company_influence", "independent")
                .put("server_load", "no_terms")
                .put("storage", "wur_secure")
                .put("sharing", "external_partners")
                .put("retention", "until_verified")
                .put("publication", "results_only");
        HttpResponse<String> response = helpdesk.post(
                "/api/checklist/assess",
                mapper.createObjectNode()
                        .put("language", "en")
                        .set("answers", answers)
                        .toString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = mapper.readTree(response.body());
        assertEquals(
                "unclear", result.get("verdict").get("level").asText(), "verdict stays the most restrictive level");
        JsonNode levels = result.get("levels");
        assertEquals(2, levels.size(), levels.toString());
        assertEquals("permission_needed", levels.get(0).get("level").asText());
        assertEquals(
                "Permission or a licence is needed", levels.get(0).get("title").asText());
        assertEquals(result.get("verdict"), levels.get(1));
        assertEquals("2026-12-02", result.get("checklistVersion").asText());

        String id = result.get("assessmentId").asText();
        assertEquals(
                levels,
                mapper.readTree(helpdesk.get("/api/checklist/assessments/" + id).body())
                        .get("levels"));
        String report =
                helpdesk.get("/api/checklist/assessments/" + id + "/report.md").body();
        assertTrue(report.contains("**" + result.get("verdict").get("title").asText() + "**"), report);
        assertTrue(report.contains("Your answers also lead to:\n\n**Permission or a licence is needed**"), report);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown question | {\"answers\":{\"colour\":\"green\"}} | unknown question",
                "answers not an object | {\"answers\":[\"a\"]} | 'answers' must be an object",
                "answer not a string | {\"answers\":{\"who\":1}} | option id",
                "bad language | {\"answers\":{},\"language\":\"fr\"} | 'language'",
                "not JSON | answers | not valid JSON"
            })
    void badAnswersAreRefusedWithAClearError(String label, String body, String message) throws Exception {
        HttpResponse<String> response = helpdesk.post("/api/checklist/assess", body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(mapper.readTree(response.body()).get("error").asText().contains(message), response.body());
    }

    @Test
    void unknownOptionsAndOutOfOrderAnswersAreRefused() throws Exception {
        JsonNode first = mapper.readTree(helpdesk.post("/api/checklist/assess", "{\"answers\":{}}")
                        .body())
                .get("next");
        String start = first.get("id").asText();
        HttpResponse<String> unknownOption =
                helpdesk.post("/api/checklist/assess", "{\"answers\":{\"" + start + "\":\"no-such-option\"}}");
        assertEquals(400, unknownOption.statusCode());
        assertTrue(unknownOption.body().contains("unknown option"), unknownOption.body());

        JsonNode tree = mapper.readTree(helpdesk.get("/api/checklist").body());
        String later = null;
        for (JsonNode q : tree.get("questions")) {
            if (!q.get("id").asText().equals(start)) {
                later = q.get("id").asText() + "\":\""
                        + q.get("options").get(0).get("id").asText();
                break;
            }
        }
        HttpResponse<String> outOfOrder = helpdesk.post("/api/checklist/assess", "{\"answers\":{\"" + later + "\"}}");
        assertEquals(400, outOfOrder.statusCode());
        assertTrue(outOfOrder.body().contains("out of order"), outOfOrder.body());
    }
}
