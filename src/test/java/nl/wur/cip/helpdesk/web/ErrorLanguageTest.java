package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's refusals follow the request's language: the body's {@code language}, then {@code Accept-Language}. */
class ErrorLanguageTest {
    /** Words that only an English sentence has; a Dutch error containing one was not translated. */
    private static final Pattern ENGLISH =
            Pattern.compile("\\b(the|must|is not|try again|request|address|only|with)\\b");

    @RegisterExtension
    static final HelpdeskServerExtension helpdesk = HelpdeskServerExtension.builder()
            .checklist()
            .optOut(HelpdeskConfig.defaults().optOut())
            .build();

    private final ObjectMapper json = new ObjectMapper();

    /** One bad request per kind of refusal: path, body (or null for GET), whether it carries the language in its body. */
    private record Bad(String method, String path, String body) {}

    private static final List<Bad> BAD_REQUESTS = List.of(
            new Bad("POST", "/api/ask", "{\"language\":\"%s\"}"), // required field
            new Bad("POST", "/api/ask", "{\"language\":\"%s\",\"question\":\"?!\"}"), // no words
            new Bad("POST", "/api/ask", "{\"language\":\"%s\",\"question\":7}"), // not a string
            new Bad("POST", "/api/ask", "{\"question\":\"mine\""), // broken JSON
            new Bad(
                    "POST",
                    "/api/feedback",
                    "{\"language\":\"%s\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\",\"rating\":\"meh\"}"),
            new Bad("POST", "/api/checklist/assess", "{\"language\":\"%s\",\"answers\":{\"no_such_question\":\"x\"}}"),
            new Bad(
                    "POST",
                    "/api/escalations",
                    "{\"language\":\"%s\",\"email\":\"not an address\",\"question\":\"q\"}"),
            new Bad("POST", "/api/optout-check", "{\"language\":\"%s\",\"url\":\"ftp://example.org/\"}"),
            new Bad("GET", "/api/checklist/assessments/no-such-id", null),
            new Bad("GET", "/api/no-such-endpoint", null),
            new Bad("GET", "/admin/api/escalations", null));

    private HttpResponse<String> send(Bad bad, String language, String acceptLanguage) throws Exception {
        String[] headers = {"Idempotency-Key", UUID.randomUUID().toString(), "Accept-Language", acceptLanguage};
        return bad.body() == null
                ? helpdesk.get(bad.path(), headers)
                : helpdesk.post(bad.path(), bad.body().formatted(language), headers);
    }

    private String error(HttpResponse<String> response) throws Exception {
        assertTrue(
                response.statusCode() >= 400 && response.statusCode() < 500,
                response.statusCode() + " " + response.body());
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
            assertFalse(
                    ENGLISH.matcher(dutch.replaceAll("'[^']*'|\"[^\"]*\"", "")).find(),
                    what + "English words in " + dutch);
        }
    }

    @Test
    void theBodysLanguageWinsOverTheHeaderAndEnglishIsTheDefault() throws Exception {
        Bad missingQuestion = BAD_REQUESTS.get(0);
        assertEquals("'question' ontbreekt", error(send(missingQuestion, "nl", "en-GB,en;q=0.9")));
        assertEquals("'question' is required", error(send(missingQuestion, "en", "nl-NL")));
        Bad unknownEndpoint = BAD_REQUESTS.get(9);
        String preferred = error(send(unknownEndpoint, null, "de-DE, nl;q=0.8, en;q=0.5"));
        assertTrue(
                preferred.startsWith("dit adres bestaat niet"),
                "the first of our languages in the reader's list: " + preferred);
        assertTrue(error(send(unknownEndpoint, null, null)).startsWith("no such endpoint"));
        assertTrue(
                error(send(unknownEndpoint, null, "fr;q=x;;")).startsWith("no such endpoint"),
                "a malformed header is ignored");
    }

    @Test
    void acceptLanguageIsReadByWeight() {
        assertEquals(Language.NL, RequestLanguage.fromHeader("en;q=0.3, nl-BE;q=0.9"));
        assertEquals(Language.EN, RequestLanguage.fromHeader("nl;q=0, en"));
        assertEquals(Language.EN, RequestLanguage.fromHeader("de, fr"));
    }

    @Test
    void aHeaderTheJdkParserFailsOnWithAnIndexErrorIsIgnoredToo() throws Exception {
        // Locale.LanguageRange.parse("-") throws ArrayIndexOutOfBoundsException, which once became a 500.
        assertEquals(Language.EN, RequestLanguage.fromHeader("-"));
        HttpResponse<String> refused = send(new Bad("POST", "/api/nope", "{}"), null, "-");
        assertEquals(404, refused.statusCode(), refused.body());
        assertTrue(error(refused).startsWith("no such endpoint"));
    }
}
