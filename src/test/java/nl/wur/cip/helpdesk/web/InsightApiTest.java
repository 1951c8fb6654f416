package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.wur.cip.helpdesk.MutableClock;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.insight.AnswerRecord;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The insight API over seeded data: the counts, the thumbs, the escalations' times, the CSV and the content gaps. */
class InsightApiTest {
    private static final String PASSWORD = "an insight admin password";
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    /** Ten ways of asking one thing the knowledge has no card for: which typefaces a poster may use. */
    static final List<String> FONT_QUESTIONS = List.of(
            "Can I use a commercial font on my conference poster?",
            "Am I allowed to use a paid typeface in my poster for a conference?",
            "Is it allowed to put a licensed font on a scientific poster?",
            "May I use a typeface I downloaded on my poster?",
            "Can I use any font I like on my research poster?",
            "Do I need a licence to use a font on a poster?",
            "Which fonts am I allowed to use on my academic poster?",
            "Is using a commercial typeface on a poster a copyright problem?",
            "Can I use a downloaded font for the poster I present at a conference?",
            "Are there copyright rules for the fonts on my poster?");

    static final List<String> OTHER_QUESTIONS = List.of(
            "How do I renew my parking permit at the campus?",
            "Wat is het wachtwoord van de wifi in het Forum?",
            "Who repairs a broken microscope in the lab?");

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final MutableClock clock = new MutableClock(NOW);
    private Database database;
    private HelpdeskServer server;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:insight-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = new HelpdeskServer(
                        Path.of("web"),
                        TestHelpdesk.servicesWithoutMail(
                                database, Optional.of(new AdminAuth(PASSWORD, clock, database)), clock),
                        clock)
                .start(0);
        server.ready(TestHelpdesk.extractive());
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
    }

    private HttpResponse<String> send(String method, String path, String json, String cookie, String language)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws Exception {
        HttpResponse<String> response =
                send("POST", "/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}", null, null);
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private JsonNode ask(String question) throws Exception {
        HttpResponse<String> answer =
                send("POST", "/api/ask", mapper.writeValueAsString(java.util.Map.of("question", question)), null, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return mapper.readTree(answer.body());
    }

    /** The seeded gaps: the ten font questions over the last two weeks, and three questions alike to nothing else. */
    static void seedUnanswered(Database database, Instant now) {
        UnansweredLog log = new UnansweredLog(database);
        for (int i = 0; i < FONT_QUESTIONS.size(); i++) {
            // six in the last seven days, four in the seven before
            Instant at = now.minus(Duration.ofDays(i < 6 ? i : 7 + i - 6)).minus(Duration.ofHours(1));
            log.record(new UnansweredLog.Entry(
                    at, "en", "escalate", 0.2, "intent:outside-knowledge", FONT_QUESTIONS.get(i)));
        }
        for (int i = 0; i < OTHER_QUESTIONS.size(); i++) {
            log.record(new UnansweredLog.Entry(
                    now.minus(Duration.ofDays(2)),
                    i == 1 ? "nl" : "en",
                    "off_topic",
                    0.6,
                    "intent:off-topic",
                    OTHER_QUESTIONS.get(i)));
        }
    }

    @Test
    void theInsightApiAnswers503UntilTheKnowledgeIsLoadedAndThenCountsTheAnswersGiven() throws Exception {
        String cookie = login();
        assertEquals(503, send("GET", "/admin/api/insight", null, cookie, null).statusCode());
        TestHelpdesk.insightReady(server, database, clock);

        JsonNode card = ask("How long may I keep the data I mined for my research?");
        JsonNode offTopic = ask("What is a good recipe for apple pie?");
        JsonNode dutch = ask("Mag ik artikelen van een website scrapen voor mijn onderzoek?");
        // Seeded history: three days ago two answers, one of them Dutch.
        AnswerRecordStore store = new AnswerRecordStore(database);
        store.insert(List.of(
                new AnswerRecord(NOW.minus(Duration.ofDays(3)), "answered", "en", 0.9, Optional.of("faq-retention")),
                new AnswerRecord(NOW.minus(Duration.ofDays(3)), "escalate", "nl", 0.3, Optional.empty()),
                new AnswerRecord(NOW.minus(Duration.ofDays(40)), "answered", "en", 0.9, Optional.empty())));

        JsonNode report = null;
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) { // the three answers are written by the recorder's own thread
            report = mapper.readTree(
                    send("GET", "/admin/api/insight?days=7", null, cookie, null).body());
            if (report.get("total").asLong() == 5) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(5, report.get("total").asLong(), report.toString());
        assertEquals(7, report.get("perDay").size(), "one entry per day, empty days included");
        JsonNode today = report.get("perDay").get(6);
        assertEquals(
                LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString(),
                today.get("day").asText());
        assertEquals(3, today.get("total").asLong());
        for (JsonNode given : List.of(card, offTopic, dutch)) {
            assertTrue(today.get("outcomes").get(given.get("outcome").asText()).asLong() >= 1, given.toString());
        }
        assertEquals(1, today.get("outcomes").get("off_topic").asLong());
        assertEquals(
                dutch.get("language").asText().equals("nl") ? 1 : 0,
                today.get("languages").get("nl").asLong());
        JsonNode threeDaysAgo = report.get("perDay").get(3);
        assertEquals(1, threeDaysAgo.get("outcomes").get("answered").asLong());
        assertEquals(1, threeDaysAgo.get("outcomes").get("escalate").asLong());
        assertEquals(1, threeDaysAgo.get("languages").get("nl").asLong());
        assertEquals(
                6,
                mapper.readTree(send("GET", "/admin/api/insight?days=60", null, cookie, null)
                                .body())
                        .get("total")
                        .asLong(),
                "the answer of 40 days ago is in a 60-day period only");

        // What was stored: the card that answered, and nothing of the question.
        Set<String> cards = new HashSet<>();
        List<String> columns = new ArrayList<>();
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM answer_record WHERE answered_at > TIMESTAMP WITH TIME ZONE"
                        + " '2026-12-02 00:00:00+00'")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    String value = String.valueOf(rs.getObject(i));
                    assertFalse(value.contains("apple") || value.contains("scrapen"), "no question text: " + value);
                }
                cards.add(rs.getString("card_id"));
            }
        }
        assertEquals(List.of("id", "answered_at", "outcome", "language", "confidence", "card_id"), columns);
        String source = card.get("source").asText();
        assertTrue(source.startsWith("card:"), source);
        assertTrue(cards.contains(source.substring(5).split(" ")[0]), cards + " for " + source);
    }

    @Test
    void thumbsAndEscalationsAreCountedWithTheTimeUntilHandled() throws Exception {
        TestHelpdesk.insightReady(server, database, clock);
        for (String rating : List.of("up", "up", "up", "down")) {
            assertEquals(
                    201,
                    send(
                                    "POST",
                                    "/api/feedback",
                                    "{\"rating\":\"" + rating + "\",\"question\":\"q\",\"answer\":\"a\","
                                            + "\"outcome\":\"answered\"}",
                                    null,
                                    null)
                            .statusCode());
        }
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> submitted = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/escalations"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"ada@example.org\",\"question\":\"Question " + i + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, submitted.statusCode());
            tickets.add(mapper.readTree(submitted.body()).get("ticket").asText());
        }
        clock.advance(Duration.ofHours(5));
        String cookie = login();
        assertEquals(
                200,
                send("POST", "/admin/api/escalations/" + tickets.get(0) + "/handled", "{}", cookie, null)
                        .statusCode());
        clock.advance(Duration.ofHours(20));
        cookie = login();
        assertEquals(
                200,
                send("POST", "/admin/api/escalations/" + tickets.get(1) + "/handled", "{}", cookie, null)
                        .statusCode());

        JsonNode report = mapper.readTree(
                send("GET", "/admin/api/insight", null, cookie, null).body());
        assertEquals(3, report.get("thumbs").get("up").asLong());
        assertEquals(1, report.get("thumbs").get("down").asLong());
        assertEquals(0.75, report.get("thumbs").get("shareUp").asDouble(), 1e-9);
        JsonNode escalations = report.get("escalations");
        assertEquals(2, escalations.get("byStatus").get("handled").asLong());
        assertEquals(1, escalations.get("byStatus").get("queued").asLong(), "no SMTP: the third waits in the queue");
        assertEquals(2, escalations.get("handled").asLong());
        assertEquals(5.0, escalations.get("hoursToHandledMedian").asDouble(), 1e-9);
        assertEquals(25.0, escalations.get("hoursToHandledP90").asDouble(), 1e-9);
    }

    @Test
    void theCountsDownloadAsCsvWithOneRowPerDay() throws Exception {
        TestHelpdesk.insightReady(server, database, clock);
        new AnswerRecordStore(database)
                .insert(List.of(
                        new AnswerRecord(
                                NOW.minus(Duration.ofDays(1)), "answered", "en", 0.9, Optional.of("faq-retention")),
                        new AnswerRecord(NOW.minus(Duration.ofDays(1)), "off_topic", "nl", 0.7, Optional.empty()),
                        new AnswerRecord(NOW, "escalate", "en", 0.2, Optional.empty())));
        HttpResponse<String> csv = send("GET", "/admin/api/insight/counts.csv?days=3", null, login(), null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
        assertEquals(
                List.of(
                        "day,answered,escalate,off_topic,en,nl,total",
                        "2026-11-30,0,0,0,0,0,0",
                        "2026-12-01,1,0,1,1,1,2",
                        "2026-12-02,0,1,0,1,0,1"),
                csv.body().lines().toList());
    }

    @Test
    void tenAlikeUnansweredQuestionsAreOneGapOfTenWithTheirTrendExamplesAndClosestCard() throws Exception {
        TestHelpdesk.insightReady(server, database, clock);
        seedUnanswered(database, NOW);
        JsonNode report = mapper.readTree(send("GET", "/admin/api/insight/gaps?days=30", null, login(), null)
                .body());
        assertEquals(13, report.get("questions").asInt());
        List<JsonNode> withFonts = new ArrayList<>();
        for (JsonNode gap : report.get("gaps")) {
            if (gap.toString().contains("font") || gap.toString().contains("typeface")) {
                withFonts.add(gap);
            }
        }
        assertEquals(1, withFonts.size(), "the ten font questions are one gap: " + report.get("gaps"));
        JsonNode gap = withFonts.get(0);
        assertEquals(10, gap.get("size").asInt(), gap.toString());
        assertEquals(10, gap.get("questions").size());
        assertEquals(6, gap.get("thisWeek").asInt());
        assertEquals(4, gap.get("lastWeek").asInt());
        assertEquals(3, gap.get("examples").size());
        for (JsonNode example : gap.get("examples")) {
            assertTrue(FONT_QUESTIONS.contains(example.get("question").asText()), example.toString());
        }
        assertEquals(10, gap.get("languages").get("en").asInt());
        assertTrue(gap.get("closestCard").get("id").asText().startsWith("faq-"), gap.toString());
        assertTrue(gap.get("id").asText().startsWith("gap-"));
        assertEquals(3, report.get("alone").asInt(), "the three unrelated questions are alike to nothing: " + report);
        assertEquals(
                report.toString(),
                mapper.readTree(send("GET", "/admin/api/insight/gaps?days=30", null, login(), null)
                                .body())
                        .toString(),
                "the same questions give the same gaps");
    }

    /** The id of the gap the ten font questions form. */
    private String fontGap(String cookie) throws Exception {
        JsonNode report = mapper.readTree(send("GET", "/admin/api/insight/gaps?days=30", null, cookie, null)
                .body());
        for (JsonNode gap : report.get("gaps")) {
            if (gap.toString().contains("font") || gap.toString().contains("typeface")) {
                return gap.get("id").asText();
            }
        }
        throw new AssertionError("no font gap in " + report);
    }

    @Test
    void aGapDownloadsAsADraftCardAndAHandlerSavesItOnceWithTheAuditListSayingWho(@TempDir Path drafts)
            throws Exception {
        TestHelpdesk.insightReady(server, database, clock, drafts);
        seedUnanswered(database, NOW);
        String cookie = login();
        String id = fontGap(cookie);
        String file = "faq-draft-" + id.substring("gap-".length()) + ".md";

        HttpResponse<String> download =
                send("GET", "/admin/api/insight/gaps/" + id + "/draft.md?days=30", null, cookie, null);
        assertEquals(200, download.statusCode(), download.body());
        assertTrue(download.headers().firstValue("Content-Type").orElseThrow().startsWith("text/markdown"));
        assertEquals(
                "attachment; filename=\"" + file + "\"",
                download.headers().firstValue("Content-Disposition").orElseThrow());
        String markdown = download.body();
        for (String question : FONT_QUESTIONS) {
            assertTrue(markdown.contains("    - \"" + question + "\"\n"), question + " in\n" + markdown);
        }
        assertTrue(markdown.contains("\n  nl: []"), "no Dutch question was logged: " + markdown);
        assertTrue(markdown.contains("\nupdated: 2026-12-02\n"), markdown);
        assertTrue(markdown.contains("\n## English\n<!--") && markdown.contains("\n## Nederlands\n<!--"), markdown);
        String closest = mapper.readTree(send("GET", "/admin/api/insight/gaps?days=30", null, cookie, null)
                        .body())
                .findValue("closestCard")
                .get("id")
                .asText();
        assertTrue(markdown.contains("\nrelated: [" + closest + "]\n"), markdown);
        try (var listing = Files.list(drafts)) {
            assertEquals(0, listing.count(), "a download writes nothing");
        }

        HttpResponse<String> saved =
                send("POST", "/admin/api/insight/gaps/" + id + "/draft?days=30", "{}", cookie, null);
        assertEquals(201, saved.statusCode(), saved.body());
        JsonNode body = mapper.readTree(saved.body());
        assertEquals(file, body.get("file").asText());
        assertEquals(file.replace(".md", ""), body.get("id").asText());
        assertEquals(markdown, body.get("markdown").asText());
        assertEquals(markdown, Files.readString(drafts.resolve(file)));

        Files.writeString(drafts.resolve(file), "half written by the office");
        HttpResponse<String> again =
                send("POST", "/admin/api/insight/gaps/" + id + "/draft?days=30", "{}", cookie, null);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(mapper.readTree(again.body()).get("error").asText().contains("already in the drafts folder"));
        HttpResponse<String> againInDutch =
                send("POST", "/admin/api/insight/gaps/" + id + "/draft?days=30", "{}", cookie, "nl");
        assertEquals(409, againInDutch.statusCode());
        assertTrue(mapper.readTree(againInDutch.body()).get("error").asText().contains("map met concepten"));
        assertEquals("half written by the office", Files.readString(drafts.resolve(file)));

        JsonNode audit = mapper.readTree(
                send("GET", "/admin/api/audit", null, cookie, null).body());
        List<JsonNode> draftsSaved = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("action").asText().equals("draft")) {
                draftsSaved.add(entry);
            }
        });
        assertEquals(1, draftsSaved.size(), "only the save that wrote a file: " + audit);
        assertEquals(file + " (" + id + ")", draftsSaved.get(0).get("target").asText());
        assertEquals("password", draftsSaved.get(0).get("account").asText());
        assertEquals("handler", draftsSaved.get(0).get("role").asText());
    }

    @Test
    void anUnknownGapIsA404AndABadPeriodA400InTheRequestsLanguage(@TempDir Path drafts) throws Exception {
        TestHelpdesk.insightReady(server, database, clock, drafts);
        seedUnanswered(database, NOW);
        String cookie = login();
        for (String[] call : new String[][] {
            {"GET", "/admin/api/insight/gaps/gap-000000000000/draft.md"},
            {"POST", "/admin/api/insight/gaps/gap-000000000000/draft"},
            {"GET", "/admin/api/insight/gaps/..%2F..%2Fetc/draft.md"}
        }) {
            String json = call[0].equals("POST") ? "{}" : null;
            HttpResponse<String> english = send(call[0], call[1], json, cookie, null);
            assertEquals(404, english.statusCode(), call[1] + ": " + english.body());
            assertTrue(
                    mapper.readTree(english.body()).get("error").asText().contains("no content gap"), english.body());
            HttpResponse<String> dutch = send(call[0], call[1], json, cookie, "nl");
            assertEquals(404, dutch.statusCode());
            assertTrue(mapper.readTree(dutch.body()).get("error").asText().contains("geen gat"), dutch.body());
        }
        String id = fontGap(cookie);
        HttpResponse<String> badDays =
                send("POST", "/admin/api/insight/gaps/" + id + "/draft?days=0", "{}", cookie, "nl");
        assertEquals(400, badDays.statusCode());
        assertTrue(mapper.readTree(badDays.body()).get("error").asText().contains("geheel getal"), badDays.body());
        assertEquals(
                400,
                send("GET", "/admin/api/insight/gaps/" + id + "/draft.md?days=x", null, cookie, null)
                        .statusCode());
        assertEquals(
                401,
                send("GET", "/admin/api/insight/gaps/" + id + "/draft.md", null, null, null)
                        .statusCode());
        try (var listing = Files.list(drafts)) {
            assertEquals(0, listing.count(), "nothing written by a refused request");
        }
    }

    @Test
    void aBadPeriodIsRefusedWithA400InTheRequestsLanguage() throws Exception {
        TestHelpdesk.insightReady(server, database, clock);
        String cookie = login();
        for (String path : List.of(
                "/admin/api/insight?days=0",
                "/admin/api/insight/gaps?days=367",
                "/admin/api/insight/counts.csv?days=week",
                "/admin/api/insight?days=1.5")) {
            HttpResponse<String> english = send("GET", path, null, cookie, null);
            assertEquals(400, english.statusCode(), path);
            assertTrue(mapper.readTree(english.body()).get("error").asText().contains("whole number"), english.body());
            HttpResponse<String> dutch = send("GET", path, null, cookie, "nl");
            assertEquals(400, dutch.statusCode(), path);
            assertTrue(mapper.readTree(dutch.body()).get("error").asText().contains("geheel getal"), dutch.body());
        }
    }
}
