package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.admin.OidcSettings;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.storage.Database;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named admin sign-in against a real OpenID Connect provider in the test (mock-oauth2-server): the whole
 * authorization-code flow over HTTP, following each redirect with a client that keeps cookies, as a browser does. Good
 * sign-ins as handler and viewer, and every way a callback or an ID token can be wrong.
 */
class AdminSignInTest {
    private static final String ISSUER_ID = "wur";
    private static final String CLIENT_ID = "cip-helpdesk";
    private static final String HANDLER = "ada@wur.nl";
    private static final String VIEWER = "vic@wur.nl";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final KeyProvider keys = new KeyProvider();
    private MockOAuth2Server provider;
    private Database database;
    private HelpdeskServer server;

    @BeforeEach
    void start() throws Exception {
        // The defaults, but with a key provider the test can read: the forgery test signs with the same key id.
        provider = new MockOAuth2Server(new OAuth2Config(
                false, null, null, false, new OAuth2TokenProvider(keys), Set.of(), new MockWebServerWrapper()));
        provider.start(0);
        database = Database.open("jdbc:h2:mem:signin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = helpdesk(provider.wellKnownUrl(ISSUER_ID).toString());
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
        provider.shutdown();
    }

    /** The helpdesk with named sign-in only, through the provider behind this discovery URL. */
    private HelpdeskServer helpdesk(String discovery) throws IOException {
        int port = freePort();
        OidcSettings settings = OidcSettings.from(Map.of(
                        "HELPDESK_OIDC_DISCOVERY_URL",
                        discovery,
                        "HELPDESK_OIDC_CLIENT_ID",
                        CLIENT_ID,
                        "HELPDESK_OIDC_CLIENT_SECRET",
                        "the client secret",
                        "HELPDESK_OIDC_REDIRECT_URL",
                        "http://localhost:" + port + OidcSettings.CALLBACK_PATH,
                        "HELPDESK_OIDC_HANDLERS",
                        "Ada@wur.nl",
                        "HELPDESK_OIDC_VIEWERS",
                        VIEWER,
                        "HELPDESK_OIDC_VIEWER_GROUPS",
                        "cip-readers"))
                .orElseThrow();
        HelpdeskServer started = new HelpdeskServer(
                        Path.of("web"),
                        TestHelpdesk.servicesWithoutMail(
                                database,
                                Optional.of(new AdminAuth(Optional.empty(), Optional.of(settings), clock, database)),
                                clock),
                        clock)
                .start(port);
        started.ready(TestHelpdesk.extractive());
        return started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A browser: keeps cookies per host and path, follows no redirect by itself so each step can be checked. */
    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The provider will issue its next ID token for this person. */
    private void nextSignInIs(String subject, Map<String, Object> claims, long expirySeconds) {
        provider.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, expirySeconds));
    }

    private void nextSignInIs(String email, String name) {
        nextSignInIs(UUID.randomUUID().toString(), Map.of("email", email, "name", name), 3600);
    }

    /**
     * Runs the flow: the helpdesk's start, the provider's authorization endpoint, the helpdesk's callback. The two
     * hooks may change the URL the browser is sent to at the provider and the one it comes back on.
     *
     * @return where the callback sends the browser
     */
    private String signIn(
            HttpClient browser, HelpdeskServer target, UnaryOperator<URI> atProvider, UnaryOperator<URI> onReturn)
            throws Exception {
        HttpResponse<String> start =
                get(browser, URI.create("http://localhost:" + target.port() + "/admin/api/oidc/start"));
        assertEquals(303, start.statusCode(), start.body());
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.getRawQuery().contains("code_challenge_method=S256"), "PKCE: " + authorize);
        assertTrue(authorize.getRawQuery().contains("nonce="), "nonce: " + authorize);
        HttpResponse<String> atIdp = get(browser, atProvider.apply(authorize));
        assertEquals(302, atIdp.statusCode(), atIdp.body());
        URI callback = URI.create(atIdp.headers().firstValue("Location").orElseThrow());
        assertTrue(callback.getPath().equals(OidcSettings.CALLBACK_PATH), callback.toString());
        HttpResponse<String> back = get(browser, onReturn.apply(callback));
        assertEquals(303, back.statusCode(), "a redirect back to the page, never an error page: " + back.body());
        return back.headers().firstValue("Location").orElseThrow();
    }

    private String signIn(HttpClient browser) throws Exception {
        return signIn(browser, server, UnaryOperator.identity(), UnaryOperator.identity());
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(HttpClient browser, String method, String path, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Accept-Language", language);
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    private static URI withParam(URI uri, String name, String value) {
        String query = uri.getRawQuery().replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=" + value);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
    }

    /** An escalation with its office mail failed, as the delivery worker leaves it after a refused SMTP login. */
    private String failedEscalation() throws Exception {
        HttpResponse<String> submitted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/escalations"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\"lin@example.org\",\"question\":\"May I mine X?\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());
        EscalationStore store = new EscalationStore(database);
        EscalationStore.Claim claim =
                store.claimNext(Instant.now(), Duration.ofMinutes(5)).orElseThrow();
        store.markFailed(claim.deliveryId(), 1, "535 authentication failed");
        return mapper.readTree(submitted.body()).get("ticket").asText();
    }

    @Test
    void aHandlerSignsInRetriesAndMarksHandledAndTheAuditListNamesThem() throws Exception {
        String ticket = failedEscalation();
        HttpClient ada = browser();
        nextSignInIs(HANDLER, "Ada Lovelace");
        assertEquals("/admin.html", signIn(ada));

        JsonNode session = json(api(ada, "GET", "/admin/api/session", "en"));
        assertEquals("handler", session.get("role").asText());
        assertEquals("Ada Lovelace", session.get("name").asText());
        assertEquals(HANDLER, session.get("account").asText());

        assertEquals(
                200,
                api(ada, "POST", "/admin/api/escalations/" + ticket + "/retry", "en")
                        .statusCode());
        assertEquals(
                200,
                api(ada, "POST", "/admin/api/escalations/" + ticket + "/handled", "en")
                        .statusCode());
        assertEquals(
                200,
                api(ada, "GET", "/admin/api/people/export?email=lin@example.org", "en")
                        .statusCode());

        JsonNode audit = json(api(ada, "GET", "/admin/api/audit", "en"));
        List<String> lines = audit.findValuesAsText("action");
        assertEquals(List.of("export", "handled", "retry", "login"), lines, audit.toString());
        for (JsonNode entry : audit) {
            assertEquals("Ada Lovelace", entry.get("name").asText(), entry.toString());
            assertEquals(HANDLER, entry.get("account").asText());
            assertEquals("handler", entry.get("role").asText());
            assertTrue(
                    Instant.parse(entry.get("at").asText())
                            .isAfter(Instant.now().minusSeconds(60)),
                    entry.toString());
        }
        assertEquals(ticket, audit.get(1).get("target").asText());
        assertEquals(ticket, audit.get(2).get("target").asText());
        assertEquals(ticket, audit.get(0).get("target").asText(), "an export lists the tickets, not the address");
        assertFalse(audit.toString().contains("lin@example.org"), "no researcher's address in the audit list");

        assertEquals(200, api(ada, "POST", "/admin/api/logout", "en").statusCode());
        assertEquals(401, api(ada, "GET", "/admin/api/session", "en").statusCode(), "signed out");
    }

    @Test
    void aViewerReadsEverythingButGetsABilingual403ForEveryChange() throws Exception {
        String ticket = failedEscalation();
        HttpClient vic = browser();
        nextSignInIs(VIEWER, "Vic Viewer");
        assertEquals("/admin.html", signIn(vic));
        assertEquals(
                "viewer",
                json(api(vic, "GET", "/admin/api/session", "en")).get("role").asText());
        for (String path : List.of(
                "/admin/api/escalations",
                "/admin/api/escalations/" + ticket,
                "/admin/api/feedback",
                "/admin/api/unanswered",
                "/admin/api/audit")) {
            assertEquals(200, api(vic, "GET", path, "en").statusCode(), path);
        }
        HttpResponse<String> retry = api(vic, "POST", "/admin/api/escalations/" + ticket + "/retry", "en");
        assertEquals(403, retry.statusCode());
        assertTrue(json(retry).get("error").asText().contains("handler role"), retry.body());
        HttpResponse<String> inDutch = api(vic, "POST", "/admin/api/escalations/" + ticket + "/retry", "nl");
        assertTrue(json(inDutch).get("error").asText().contains("behandelaar"), inDutch.body());
        assertEquals(
                403,
                api(vic, "POST", "/admin/api/escalations/" + ticket + "/handled", "en")
                        .statusCode());
        assertEquals(
                403,
                api(vic, "GET", "/admin/api/people/export?email=lin@example.org", "en")
                        .statusCode());
        assertEquals(403, api(vic, "POST", "/admin/api/people/delete", "en").statusCode());
        assertEquals(403, api(vic, "POST", "/admin/api/knowledge/reload", "en").statusCode());

        JsonNode shown = json(api(vic, "GET", "/admin/api/escalations/" + ticket, "en"));
        assertEquals("failed", shown.get("status").asText(), "the refused retry changed nothing");
        assertEquals(
                List.of("login"),
                json(api(vic, "GET", "/admin/api/audit", "en")).findValuesAsText("action"));
    }

    @Test
    void aViewerDownloadsACardDraftButOnlyAHandlerSavesItAndTheAuditListNamesThem(@TempDir Path drafts)
            throws Exception {
        TestHelpdesk.insightReady(server, database, clock, drafts);
        InsightApiTest.seedUnanswered(database, Instant.now());
        HttpClient vic = browser();
        nextSignInIs(VIEWER, "Vic Viewer");
        signIn(vic);
        String gap = json(api(vic, "GET", "/admin/api/insight/gaps?days=30", "en"))
                .get("gaps")
                .get(0)
                .get("id")
                .asText();
        String draft = "/admin/api/insight/gaps/" + gap + "/draft";
        assertEquals(200, api(vic, "GET", draft + ".md?days=30", "en").statusCode(), "a viewer may download");
        HttpResponse<String> refused = api(vic, "POST", draft + "?days=30", "nl");
        assertEquals(403, refused.statusCode());
        assertTrue(json(refused).get("error").asText().contains("behandelaar"), refused.body());
        try (var listing = Files.list(drafts)) {
            assertEquals(0, listing.count(), "the viewer's refused save wrote nothing");
        }

        HttpClient ada = browser();
        nextSignInIs(HANDLER, "Ada Lovelace");
        signIn(ada);
        HttpResponse<String> saved = api(ada, "POST", draft + "?days=30", "en");
        assertEquals(201, saved.statusCode(), saved.body());
        String file = json(saved).get("file").asText();
        assertTrue(Files.isRegularFile(drafts.resolve(file)), file);
        JsonNode latest = json(api(ada, "GET", "/admin/api/audit", "en")).get(0);
        assertEquals("draft", latest.get("action").asText(), latest.toString());
        assertEquals("Ada Lovelace", latest.get("name").asText());
        assertEquals(HANDLER, latest.get("account").asText());
        assertEquals(file + " (" + gap + ")", latest.get("target").asText());
    }

    @Test
    void aMemberOfAListedGroupSignsInWithThatGroupsRole() throws Exception {
        HttpClient someone = browser();
        nextSignInIs("s-123", Map.of("name", "Gro Up", "groups", List.of("staff", "cip-readers")), 3600);
        assertEquals("/admin.html", signIn(someone));
        JsonNode session = json(api(someone, "GET", "/admin/api/session", "en"));
        assertEquals("viewer", session.get("role").asText());
        assertEquals("s-123", session.get("account").asText(), "no e-mail address: the subject stands for them");
    }

    @Test
    void anAccountNotListedIsRefused() throws Exception {
        HttpClient stranger = browser();
        nextSignInIs("mallory@example.org", "Mallory");
        assertEquals("/admin.html?login_error=not_allowed", signIn(stranger));
        assertEquals(401, api(stranger, "GET", "/admin/api/session", "en").statusCode());
    }

    @Test
    void anUnverifiedAddressDoesNotCountAsTheListedOne() throws Exception {
        HttpClient impostor = browser();
        nextSignInIs("other-subject", Map.of("email", HANDLER, "email_verified", false), 3600);
        assertEquals("/admin.html?login_error=not_allowed", signIn(impostor));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        HttpClient browser = browser();
        nextSignInIs(
                UUID.randomUUID().toString(), Map.of("email", HANDLER, "aud", List.of("another-application")), 3600);
        assertEquals("/admin.html?login_error=audience", signIn(browser));
        assertEquals(401, api(browser, "GET", "/admin/api/session", "en").statusCode());
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        HttpClient browser = browser();
        // Ten minutes past its expiry: well beyond the minute of clock skew the validator allows.
        nextSignInIs(UUID.randomUUID().toString(), Map.of("email", HANDLER), -600);
        assertEquals("/admin.html?login_error=expired", signIn(browser));
        assertEquals(401, api(browser, "GET", "/admin/api/session", "en").statusCode());
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndUsesUpTheSignIn() throws Exception {
        HttpClient browser = browser();
        nextSignInIs(HANDLER, "Ada Lovelace");
        assertEquals(
                "/admin.html?login_error=state",
                signIn(browser, server, UnaryOperator.identity(), uri -> withParam(uri, "state", "forged-state")));
        assertEquals(401, api(browser, "GET", "/admin/api/session", "en").statusCode());
    }

    @Test
    void aCallbackIsUsedOnceAndOnlyInTheBrowserThatStartedTheSignIn() throws Exception {
        nextSignInIs(HANDLER, "Ada Lovelace");
        AtomicReference<HttpResponse<String>> elsewhere = new AtomicReference<>();
        // The login-CSRF case: the callback URL opened in a browser that did not start that sign-in is refused; and
        // since a sign-in is taken at its first callback, the rightful browser must then start again too.
        String rightful = signIn(browser(), server, UnaryOperator.identity(), callback -> {
            try {
                elsewhere.set(get(browser(), callback));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return callback;
        });
        assertEquals(303, elsewhere.get().statusCode());
        assertEquals(
                "/admin.html?login_error=no_login",
                elsewhere.get().headers().firstValue("Location").orElseThrow());
        assertEquals("/admin.html", rightful, "the other browser had no sign-in to use up");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        HttpClient browser = browser();
        nextSignInIs(HANDLER, "Ada Lovelace");
        // The provider puts whatever nonce it was asked for into the token: ask it for another than this sign-in's.
        assertEquals(
                "/admin.html?login_error=nonce",
                signIn(browser, server, uri -> withParam(uri, "nonce", "another-nonce"), UnaryOperator.identity()));
        assertEquals(401, api(browser, "GET", "/admin/api/session", "en").statusCode());
    }

    @Test
    void anErrorFromTheProviderIsShownNotThrown() throws Exception {
        HttpClient browser = browser();
        nextSignInIs(HANDLER, "Ada Lovelace");
        assertEquals("/admin.html?login_error=denied", signIn(browser, server, UnaryOperator.identity(), uri -> {
            String state = uri.getRawQuery().replaceAll(".*(?:^|&)state=([^&]*).*", "$1");
            return URI.create("http://localhost:" + server.port() + OidcSettings.CALLBACK_PATH
                    + "?error=access_denied&state=" + state);
        }));
        HttpResponse<String> garbage = get(
                browser(),
                URI.create("http://localhost:" + server.port() + OidcSettings.CALLBACK_PATH + "?code=%C3%28&state="
                        + "x".repeat(10_000)));
        assertTrue(garbage.statusCode() < 500, "a broken callback is the client's mistake: " + garbage.statusCode());
    }

    /**
     * mock-oauth2-server signs every token with the key its JWKS publishes, so it cannot hand out a forged one. A tiny
     * stub stands in front of it as the provider: its discovery document is the real provider's with the stub as
     * issuer and token endpoint; its token endpoint passes the code on to the real one and signs the ID token it gets
     * back again, with the same claims and key id. Keys (JWKS) and login stay the real provider's. Signed again with
     * the provider's own key the sign-in succeeds (the stub itself changes nothing that matters); signed with another
     * key it is refused.
     */
    @Test
    void anIdTokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey genuine = keys.signingKey(ISSUER_ID).toRSAKey();
        AtomicReference<RSAKey> signer = new AtomicReference<>(genuine);
        HttpServer stub = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        String issuer = "http://localhost:" + stub.getAddress().getPort() + "/" + ISSUER_ID;
        HttpClient upstream = HttpClient.newHttpClient();
        stub.createContext(
                "/" + ISSUER_ID + "/.well-known/openid-configuration",
                exchange -> relay(exchange, () -> {
                    ObjectNode metadata = (ObjectNode) mapper.readTree(upstream.send(
                                    HttpRequest.newBuilder(provider.wellKnownUrl(ISSUER_ID)
                                                    .uri())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
                    metadata.put("issuer", issuer);
                    metadata.put("token_endpoint", issuer + "/token");
                    return metadata;
                }));
        stub.createContext(
                "/" + ISSUER_ID + "/token",
                exchange -> relay(exchange, () -> {
                    HttpResponse<String> real = upstream.send(
                            HttpRequest.newBuilder(
                                            provider.tokenEndpointUrl(ISSUER_ID).uri())
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header(
                                            "Authorization",
                                            exchange.getRequestHeaders().getFirst("Authorization"))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                                            exchange.getRequestBody().readAllBytes()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    ObjectNode tokens = (ObjectNode) mapper.readTree(real.body());
                    SignedJWT original = SignedJWT.parse(tokens.get("id_token").asText());
                    SignedJWT resigned = new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.RS256)
                                    .keyID(original.getHeader().getKeyID())
                                    .build(),
                            new JWTClaimsSet.Builder(original.getJWTClaimsSet())
                                    .issuer(issuer)
                                    .build());
                    resigned.sign(new RSASSASigner(signer.get()));
                    tokens.put("id_token", resigned.serialize());
                    return tokens;
                }));
        stub.start();
        try (HelpdeskServer behindStub = helpdesk(issuer + "/.well-known/openid-configuration")) {
            nextSignInIs(HANDLER, "Ada Lovelace");
            assertEquals(
                    "/admin.html",
                    signIn(browser(), behindStub, UnaryOperator.identity(), UnaryOperator.identity()),
                    "signed with the provider's key: accepted");

            signer.set(new RSAKeyGenerator(2048).keyID(genuine.getKeyID()).generate());
            HttpClient browser = browser();
            nextSignInIs(HANDLER, "Ada Lovelace");
            assertEquals(
                    "/admin.html?login_error=signature",
                    signIn(browser, behindStub, UnaryOperator.identity(), UnaryOperator.identity()));
            HttpResponse<String> session = browser.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + behindStub.port() + "/admin/api/session"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, session.statusCode());
        } finally {
            stub.stop(0);
        }
    }

    /** What the stub answers, made by a step that may fail (then the helpdesk gets an empty object). */
    private interface StubStep {
        ObjectNode run() throws Exception;
    }

    private void relay(HttpExchange exchange, StubStep step) throws IOException {
        String json;
        try {
            json = mapper.writeValueAsString(step.run());
        } catch (Exception e) {
            json = "{}";
        }
        reply(exchange, json);
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
