package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The knowledge reload through the admin API, over a copy of the shipped knowledge that each test edits: an edited
 * answer is served after the switch, with the question sets' diff and who did it in the audit list; a broken file is
 * refused with its path and line while the old answers keep being served.
 */
class KnowledgeReloadApiTest {
    private static final String PASSWORD = "reload-secret";
    private static final String QUESTION = "Does fair use exist in Dutch copyright law?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final HelpdeskServerExtension helpdesk = HelpdeskServerExtension.builder()
            .adminPassword(PASSWORD)
            .reloadableKnowledge()
            .build();

    private JsonNode ask(String question) throws Exception {
        HelpdeskServerExtension.Reply reply =
                helpdesk.post("/api/ask", JSON.writeValueAsString(Map.of("question", question)));
        assertEquals(200, reply.statusCode(), reply.body());
        return reply.json();
    }

    /** {@code POST /admin/api/knowledge/reload} with these headers (name, value pairs). */
    private static HelpdeskServerExtension.Reply startReload(HelpdeskServerExtension server, String... headers)
            throws Exception {
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            sent.put(headers[i], headers[i + 1]);
        }
        return server.send("POST", "/admin/api/knowledge/reload", "application/json", "{}", sent);
    }

    /** Starts a reload and waits for its result. */
    private JsonNode reload(String cookie) throws Exception {
        HelpdeskServerExtension.Reply started = startReload(helpdesk, "Cookie", cookie);
        assertEquals(202, started.statusCode(), started.body());
        return waitForResult(cookie);
    }

    private JsonNode waitForResult(String cookie) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status =
                    helpdesk.get("/admin/api/knowledge", "Cookie", cookie).json();
            if (status.path("runningSince").isNull() && !status.path("last").isNull()) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the reload did not end in 3 minutes");
    }

    private static void replaceIn(Path file, String from, String to) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void anEditedAnswerIsServedAfterTheSwitchWithTheDiffAndWhoDidItInTheAuditList() throws Exception {
        String cookie = helpdesk.adminCookie(PASSWORD);
        JsonNode before = ask(QUESTION);
        assertEquals("card:faq-fair-use", before.path("source").asText(), before.toString());
        assertFalse(before.path("answer").asText().contains("as the office reworded it"));
        replaceIn(
                helpdesk.knowledgeDir().resolve("faq/faq-fair-use.md"),
                "Not as such: Dutch and EU copyright law",
                "Not as such, as the office reworded it: Dutch and EU copyright law");

        HelpdeskServerExtension.Reply started = startReload(helpdesk, "Cookie", cookie);
        assertEquals(202, started.statusCode(), started.body());
        HelpdeskServerExtension.Reply second = startReload(helpdesk, "Cookie", cookie, "Accept-Language", "nl");
        assertEquals(409, second.statusCode(), "one reload at a time: " + second.body());
        assertTrue(second.json().path("error").asText().contains("herlaad"), second.body());
        JsonNode status = waitForResult(cookie);

        JsonNode last = status.path("last");
        assertEquals("switched", last.path("status").asText(), last.toString());
        assertEquals("admin", last.path("trigger").asText());
        assertEquals(2, status.path("generation").asInt());
        JsonNode diff = last.path("diff");
        assertTrue(diff.path("questions").asInt() > 100, "the shipped question sets were asked: " + diff);
        assertEquals(0, diff.path("newlyFailing").size(), diff.toString());
        assertEquals(diff.path("passedBefore").asInt(), diff.path("passedAfter").asInt());
        assertTrue(last.path("problems").isEmpty());

        JsonNode after = ask(QUESTION);
        assertEquals("card:faq-fair-use", after.path("source").asText(), after.toString());
        assertTrue(after.path("answer").asText().contains("as the office reworded it"), after.toString());

        JsonNode audit = helpdesk.get("/admin/api/audit", "Cookie", cookie).json();
        JsonNode reload = audit.get(0);
        assertEquals("reload", reload.path("action").asText(), audit.toString());
        assertEquals("switched to generation 2", reload.path("target").asText());
        assertEquals("handler", reload.path("role").asText(), reload.toString());
        assertEquals("password", reload.path("account").asText(), "the password login is who did it");
        assertTrue(
                helpdesk.get("/metrics").body().contains("helpdesk_knowledge_reloads_total{result=\"switched\"} 1.0"));
    }

    @Test
    void aBrokenFileIsRefusedWithItsPathAndLineWhileTheOldAnswersKeepBeingServed() throws Exception {
        String cookie = helpdesk.adminCookie(PASSWORD);
        String answerBefore = ask(QUESTION).path("answer").asText();
        Path card = helpdesk.knowledgeDir().resolve("faq/faq-fair-use.md");
        replaceIn(card, "outcome: answered", "outcome: [answered");
        replaceIn(card, "Not as such:", "Broken edit:");
        replaceIn(helpdesk.knowledgeDir().resolve("checklist/checklist.yml"), "questions:", "questions: [");

        JsonNode status = reload(cookie);
        JsonNode last = status.path("last");
        assertEquals("refused", last.path("status").asText(), last.toString());
        assertEquals(1, status.path("generation").asInt(), "the old knowledge still answers");
        assertTrue(last.path("diff").isNull(), "knowledge that does not load is not asked the questions");
        List<String> files = last.path("problems").findValuesAsText("path");
        assertTrue(files.stream().anyMatch(f -> f.endsWith("faq-fair-use.md")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith("checklist.yml")), files.toString());
        for (JsonNode problem : last.path("problems")) {
            assertTrue(problem.path("line").asInt() > 0, "a line to go to: " + problem);
            assertFalse(problem.path("message").asText().isBlank());
        }

        JsonNode after = ask(QUESTION);
        assertEquals("card:faq-fair-use", after.path("source").asText(), after.toString());
        assertEquals(answerBefore, after.path("answer").asText());
        assertEquals(200, helpdesk.get("/api/checklist").statusCode(), "the old checklist is still served");
        assertTrue(helpdesk.get("/admin/api/audit", "Cookie", cookie)
                .json()
                .get(0)
                .path("target")
                .asText()
                .equals("refused (" + last.path("problems").size() + " file problem(s)), generation 1 kept"));
    }

    @Test
    void anAnonymousReloadIsRefusedAndChangesNothing() throws Exception {
        HelpdeskServerExtension.Reply anonymous = startReload(helpdesk);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.json().has("error"));
        String cookie = helpdesk.adminCookie(PASSWORD);
        JsonNode status = helpdesk.get("/admin/api/knowledge", "Cookie", cookie).json();
        assertEquals(1, status.path("generation").asInt());
        assertTrue(status.path("last").isNull(), status.toString());
    }

    @Test
    void beforeTheKnowledgeIsLoadedAReloadIsABilingual503() throws Exception {
        try (HelpdeskServerExtension starting = HelpdeskServerExtension.builder()
                .adminPassword(PASSWORD)
                .starting()
                .start()) {
            String cookie = starting.adminCookie(PASSWORD);
            HelpdeskServerExtension.Reply en = startReload(starting, "Cookie", cookie);
            assertEquals(503, en.statusCode());
            assertTrue(en.json().path("error").asText().contains("starting"), en.body());
            HelpdeskServerExtension.Reply nl = startReload(starting, "Cookie", cookie, "Accept-Language", "nl");
            assertTrue(nl.json().path("error").asText().contains("start nog op"), nl.body());
        }
    }
}
