package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The server's refusals follow the request's language: the body's {@code language}, then {@code Accept-Language}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorLanguageTest {
    /** Words that only an English sentence has; a Dutch error containing one was not translated. */
    private static final Pattern ENGLISH = Pattern.compile("\\b(the|must|is not|try again|request|address|only|with)\\b");

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Database database;
    private HelpdeskServer server;
    private OptOutChecker checker;

    /** One bad request per kind of refusal: path, body (or null for GET), whether it carries the language in its body. */
    private record Bad(String method, String path, String body) {
    }

    private static final List<Bad> BAD_REQUESTS = List.of(
            new Bad("POST", "/api/ask", "{\"language\":\"%s\"}"),                                    // required field
            new Bad("POST", "/api/ask", "{\"language\":\"%s\",\"question\":\"?!\"}"),                // no words
            new Bad("POST", "/api/ask", "{\"language\":\"%s\",\"question\":7}"),                     // not a string
            new Bad("POST", "/api/ask", "{\"question\":\"mine\""),                                  // broken JSON
            new Bad("POST", "/api/feedback", "{\"language\":\"%s\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\",\"rating\":\"meh\"}"),
            new Bad("POST", "/api/checklist/assess", "{\"language\":\"%s\",\"answers\":{\"no_such_question\":\"x\"}}"),
            new Bad("POST", "/api/escalations", "{\"language\":\"%s\",\"email\":\"not an address\",\"question\":\"q\"}"),
            new Bad("POST", "/api/optout-check", "{\"language\":\"%s\",\"url\":\"ftp://example.org/\"}"),
            new Bad("GET", "/api/checklist/assessments/no-such-id", null),
            new Bad("GET", "/api/no-such-endpoint", null),
            new Bad("GET", "/admin/api/escalations", null));

    @BeforeAll
    void start() {
        database = Database.open("jdbc:h2:mem:error-language-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = new HelpdeskServer(Path.of("web"), TestHelpdesk.services(database, GuardSettings.UNLIMITED, Optional.empty()),
                Clock.systemUTC()).start(0);
        server.ready(TestHelpdesk.extractive());
        server.checklistReady(new ChecklistService(TestHelpdesk.shared().checklist().orElseThrow(),
                new AssessmentStore(database), TestHelpdesk.shared().knowledge(), Clock.systemUTC()));
        checker = OptOutChecker.create(HelpdeskConfig.defaults().optOut(), Path.of("knowledge"), TestHelpdesk.shared().knowledge(),
                Clock.systemUTC());
        server.optOutReady(checker);
    }

    @AfterAll
    void stop() {
        server.close();
        checker.close();
        database.close();
    }

    private HttpResponse<String> send(Bad bad, String language, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + bad.path()))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (bad.body() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bad.body().formatted(language)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String error(HttpResponse<String> response) throws Exception {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, response.statusCode() + " " + response.body());
        return json.readTree(response.body()).path("error").asText();
    }

    @Test
    void aDutchRequestIsRefusedInDutchAndAnEnglishOneInEnglish() throws Exception {
        for (Bad bad : BAD_REQUESTS) {
            // The Dutch page sends both its language in the body and Accept-Language: nl; GETs have only the header.
            String dutch = error(send(bad, "nl", "nl"));
            String english = error(send(bad, "en", "en"));
            String what = bad.method() + " " + bad.path() + ": ";
            assertNotEquals(english, dutch, what + "the same text in both languages");
            assertFalse(ENGLISH.matcher(dutch.replaceAll("'[^']*'|\"[^\"]*\"", "")).find(), what + "English words in " + dutch);
        }
    }

    @Test
    void theBodysLanguageWinsOverTheHeaderAndEnglishIsTheDefault() throws Exception {
        Bad missingQuestion = BAD_REQUESTS.get(0);
        assertEquals("'question' ontbreekt", error(send(missingQuestion, "nl", "en-GB,en;q=0.9")));
        assertEquals("'question' is required", error(send(missingQuestion, "en", "nl-NL")));
        Bad unknownEndpoint = BAD_REQUESTS.get(9);
        String preferred = error(send(unknownEndpoint, null, "de-DE, nl;q=0.8, en;q=0.5"));
        assertTrue(preferred.startsWith("dit adres bestaat niet"), "the first of our languages in the reader's list: " + preferred);
        assertTrue(error(send(unknownEndpoint, null, null)).startsWith("no such endpoint"));
        assertTrue(error(send(unknownEndpoint, null, "fr;q=x;;")).startsWith("no such endpoint"), "a malformed header is ignored");
    }

    @Test
    void acceptLanguageIsReadByWeight() {
        assertEquals(Language.NL, RequestLanguage.fromHeader("en;q=0.3, nl-BE;q=0.9"));
        assertEquals(Language.EN, RequestLanguage.fromHeader("nl;q=0, en"));
        assertEquals(Language.EN, RequestLanguage.fromHeader("de, fr"));
    }
}
