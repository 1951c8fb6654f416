package nl.wur.cip.helpdesk.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checker against a real HTTP server on 127.0.0.1, one small website per test. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OptOutCheckerTest {
    static final String HTML = "text/html; charset=utf-8";
    static final OptOutConfig TEST_CONFIG = HelpdeskConfig.defaults()
            .optOut()
            .withAllowPrivateAddresses(true)
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1500));
    static KnowledgeBase knowledge;
    static List<Crawlers.Crawler> crawlers;

    TestSite site;
    OptOutChecker checker;

    @BeforeAll
    static void loadKnowledge() {
        knowledge = new KnowledgeLoader().load(Path.of("knowledge"));
        crawlers = Crawlers.load(Path.of("knowledge", "optout", "crawlers.yml"));
    }

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
        checker = new OptOutChecker(
                TEST_CONFIG,
                AddressPolicy.of(TEST_CONFIG),
                crawlers,
                knowledge,
                Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        checker.close();
        site.close();
    }

    private static String page(String head) {
        return "<!doctype html><html><head><title>t</title>" + head + "</head><body><p>Hello</p></body></html>";
    }

    @Test
    void aSiteWithoutSignalsHasNoneFound() {
        site.text("/articles/1", HTML, page(""));
        Findings f = checker.findings(site.url("/articles/1"));
        assertEquals(Verdict.NONE_FOUND, f.verdict());
        assertTrue(f.signals().isEmpty(), f.signals().toString());
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals("2026-11-25T10:15:30Z", f.checkedAt());
        assertEquals(TEST_CONFIG.userAgent(), site.userAgents.get("/robots.txt"));
        assertEquals(TEST_CONFIG.userAgent(), site.userAgents.get("/articles/1"));
    }

    @Test
    void robotsBlockingGptBotOnlyIsPartly() {
        site.text("/articles/1", HTML, page(""));
        site.text("/robots.txt", "text/plain", "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
        Findings f = checker.findings(site.url("/articles/1"));
        assertEquals(Verdict.PARTLY, f.verdict());
        Signal s = f.signals().get(0);
        assertEquals("robots.txt", s.source());
        assertEquals("GPTBot (OpenAI)", s.agent());
        assertEquals("line 2: Disallow: /", s.evidence());
        assertTrue(s.reserves());
        assertEquals(1, f.signals().size(), f.signals().toString());
    }

    @Test
    void robotsDisallowForEveryoneCoversOnlyItsPaths() {
        site.text("/articles/1", HTML, page("")).text("/news/1", HTML, page("")).text("/articles/free", HTML, page(""));
        site.text(
                "/robots.txt",
                "text/plain",
                "# comment\nUser-agent: *\nDisallow: /articles/\nAllow: /articles/free$\n");
        Findings reserved = checker.findings(site.url("/articles/1"));
        assertEquals(Verdict.RESERVED, reserved.verdict());
        assertEquals("*", reserved.signals().get(0).agent());
        assertEquals("line 3: Disallow: /articles/", reserved.signals().get(0).evidence());
        assertEquals(Verdict.NONE_FOUND, checker.findings(site.url("/news/1")).verdict());
        assertEquals(
                Verdict.NONE_FOUND, checker.findings(site.url("/articles/free")).verdict());
    }

    @Test
    void tdmRepHeadersReserve() {
        site.on("/a", exchange -> {
            exchange.getResponseHeaders().add("tdm-reservation", "1");
            exchange.getResponseHeaders().add("tdm-policy", "https://example.org/policy.json");
            TestSite.send(exchange, 200, HTML, page(""));
        });
        Findings f = checker.findings(site.url("/a"));
        assertEquals(Verdict.RESERVED, f.verdict());
        assertTrue(
                f.signals().stream()
                        .anyMatch(s -> s.source().equals("http-header")
                                && s.reserves()
                                && s.evidence().equals("tdm-reservation: 1")),
                f.signals().toString());
        assertTrue(
                f.signals().stream()
                        .anyMatch(s -> s.source().equals("http-header")
                                && !s.reserves()
                                && s.evidence().contains("https://example.org/policy.json")),
                f.signals().toString());
    }

    @Test
    void tdmRepFileAppliesTheFirstMatchingLocation() {
        site.text("/private/doc", HTML, page("")).text("/public/doc", HTML, page(""));
        site.text("/.well-known/tdmrep.json", "application/json", """
                [{"location": "/private/*", "tdm-reservation": 1, "tdm-policy": "https://example.org/policy"},
                 {"location": "/*", "tdm-reservation": 0}]""");
        Findings reserved = checker.findings(site.url("/private/doc"));
        assertEquals(Verdict.RESERVED, reserved.verdict());
        Signal s = reserved.signals().get(0);
        assertEquals("tdmrep.json", s.source());
        assertTrue(s.reserves());
        assertTrue(s.evidence().contains("/private/*"), s.evidence());
        Findings other = checker.findings(site.url("/public/doc"));
        assertEquals(Verdict.PARTLY, other.verdict(), other.toString());
        assertTrue(other.signals().stream().noneMatch(Signal::reserves));
    }

    @Test
    void metaTdmReservationReserves() {
        site.text("/a", HTML, page("<meta content=\"1\" name=\"TDM-Reservation\">"));
        Findings f = checker.findings(site.url("/a"));
        assertEquals(Verdict.RESERVED, f.verdict());
        assertEquals("html-meta", f.signals().get(0).source());
        assertEquals(
                "<meta content=\"1\" name=\"TDM-Reservation\">",
                f.signals().get(0).evidence());
    }

    @Test
    void metaTdmReservationZeroDoesNotReserve() {
        site.text("/a", HTML, page("<meta name='tdm-reservation' content='0'>"));
        Findings f = checker.findings(site.url("/a"));
        assertEquals(Verdict.NONE_FOUND, f.verdict());
        assertFalse(f.signals().get(0).reserves());
    }

    @Test
    void metaRobotsNoaiReservesAndNoimageaiIsPartly() {
        site.text("/a", HTML, page("<meta name=\"robots\" content=\"noindex, noai\">"));
        site.text("/b", HTML, page("<meta name=robots content=noimageai>"));
        Findings a = checker.findings(site.url("/a"));
        assertEquals(Verdict.RESERVED, a.verdict());
        assertTrue(a.signals().get(0).rule().startsWith("noai"));
        Findings b = checker.findings(site.url("/b"));
        assertEquals(Verdict.PARTLY, b.verdict());
        assertTrue(b.signals().get(0).rule().startsWith("noimageai"));
    }

    @Test
    void redirectsAreFollowed() {
        site.on("/old", exchange -> {
            exchange.getResponseHeaders().add("Location", "/new");
            exchange.sendResponseHeaders(302, -1);
        });
        site.text("/new", HTML, page("<meta name=\"tdm-reservation\" content=\"1\">"));
        Findings f = checker.findings(site.url("/old"));
        assertEquals(Verdict.RESERVED, f.verdict());
        assertTrue(f.problems().isEmpty(), f.problems().toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/admin",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:1/",
                "ftp://example.org/",
                "http://user:pw@example.org/"
            })
    void redirectsToPrivateOrOddAddressesAreRefused(String target) {
        // 127.0.0.1 allowed (the test site), everything else private refused, as in production.
        AddressPolicy loopbackOnly =
                new AddressPolicy(a -> a instanceof Inet4Address && a.isLoopbackAddress(), InetAddress::getAllByName);
        OptOutChecker strict = new OptOutChecker(
                TEST_CONFIG.withAllowPrivateAddresses(false), loopbackOnly, crawlers, knowledge, Clock.systemUTC());
        site.on("/go", exchange -> {
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(301, -1);
        });
        long start = System.nanoTime();
        Findings f = strict.findings(site.url("/go"));
        strict.close();
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(
                f.problems().stream().anyMatch(p -> p.startsWith("page: redirect")),
                f.problems().toString());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "refused before any connection");
    }

    @Test
    void redirectLoopsStop() {
        site.on("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
        });
        Findings f = checker.findings(site.url("/loop"));
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(
                f.problems().contains("page: more than 3 redirects"),
                f.problems().toString());
        assertTrue(site.requests.get() <= 3 + 1 + 2, "at most 4 page requests, robots.txt and tdmrep.json");
    }

    @Test
    void aSlowSiteTimesOutAndIsUnreachable() {
        site.on("/slow", exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestSite.send(exchange, 200, HTML, page(""));
        });
        long start = System.nanoTime();
        Findings f = checker.findings(site.url("/slow"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(f.problems().contains("page: timed out"), f.problems().toString());
        assertTrue(millis < 3000, "took " + millis + " ms");
        // An unreachable result is not cached: a second check asks again.
        int before = site.requests.get();
        checker.findings(site.url("/slow"));
        assertTrue(site.requests.get() > before);
    }

    @Test
    void aHugeRobotsTxtIsReadOnlyUpToTheCap() {
        AtomicLong written = new AtomicLong();
        long total = 50L * 1024 * 1024;
        site.text("/a", HTML, page(""));
        site.on("/robots.txt", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            byte[] head = "User-agent: *\nDisallow: /a\n".getBytes(StandardCharsets.US_ASCII);
            byte[] filler = "Disallow: /some/long/path/that/repeats/and/repeats\n"
                    .repeat(1000)
                    .getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                while (written.get() < total) {
                    out.write(filler);
                    written.addAndGet(filler.length);
                }
            }
        });
        long start = System.nanoTime();
        Findings f = checker.findings(site.url("/a"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Verdict.RESERVED, f.verdict());
        assertTrue(
                f.problems().contains("robots.txt: larger than 512 KB; only the start was read"),
                f.problems().toString());
        assertTrue(millis < 3000, "took " + millis + " ms");
        assertTrue(written.get() < total, "the checker stopped reading long before 50 MB");
    }

    @Test
    void malformedFilesAreIgnoredWithoutCrashing() {
        byte[] binary = new byte[200_000];
        new Random(42).nextBytes(binary);
        site.on("/a", exchange -> TestSite.send(exchange, 200, "text/html", binary));
        site.on(
                "/robots.txt",
                exchange -> TestSite.send(
                        exchange,
                        200,
                        "text/plain",
                        "<html>\u0000\u0001 garbage\nDisallow /no-colon\n:::\nuser-agent\nDisallow: /before-any-agent\n"
                                .getBytes(StandardCharsets.UTF_8)));
        site.text("/.well-known/tdmrep.json", "application/json", "[{\"location\": \"/\", \"tdm-reservation\": 1,");
        Findings f = checker.findings(site.url("/a"));
        assertEquals(Verdict.NONE_FOUND, f.verdict());
        assertTrue(
                f.problems().contains("tdmrep.json: not valid JSON; ignored"),
                f.problems().toString());
    }

    @Test
    void aBinaryPageAndAJsonObjectInsteadOfAnArrayAreHandled() {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        site.on("/file.bin", exchange -> TestSite.send(exchange, 200, "application/octet-stream", binary));
        site.text("/.well-known/tdmrep.json", "application/json", "{\"tdm-reservation\": 1}");
        Findings f = checker.findings(site.url("/file.bin"));
        assertEquals(Verdict.NONE_FOUND, f.verdict());
        assertTrue(
                f.problems().contains("tdmrep.json: not a JSON array of rules; ignored"),
                f.problems().toString());
    }

    @Test
    void resultsAreCachedByNormalisedUrl() {
        site.text("/a", HTML, page(""));
        checker.findings(site.url("/a"));
        int after = site.requests.get();
        Findings again = checker.findings(site.url("/a#fragment").replace("http://", "HTTP://"));
        assertEquals(Verdict.NONE_FOUND, again.verdict());
        assertEquals(after, site.requests.get(), "the second check came from the cache");
    }

    @Test
    void aMissingPageIsReportedNotMistakenForNoReservation() {
        Findings f = checker.findings(site.url("/missing"));
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(f.problems().contains("page: HTTP 404"), f.problems().toString());
    }

    @Test
    void aServerErrorOnRobotsTxtMeansUnreachable() {
        site.text("/a", HTML, page(""));
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 503, "text/plain", "busy"));
        Findings f = checker.findings(site.url("/a"));
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(
                f.problems().get(0).startsWith("robots.txt: HTTP 503"),
                f.problems().toString());
    }

    @Test
    void theReportExplainsInBothLanguagesWithExistingCitations() {
        site.text("/a", HTML, page("<meta name=\"tdm-reservation\" content=\"1\">"));
        OptOutReport en = checker.check(site.url("/a"), Language.EN);
        OptOutReport nl = checker.check(site.url("/a"), Language.NL);
        assertEquals(Verdict.RESERVED, en.verdict());
        assertTrue(
                en.summary().contains("Art. 4(3)")
                        && en.summary().contains("Art. 15n")
                        && en.summary().contains("copyright@wur.nl"),
                en.summary());
        assertTrue(
                nl.summary().contains("art. 4 lid 3")
                        && nl.summary().contains("art. 15n")
                        && nl.summary().contains("servers niet overbelast"),
                nl.summary());
        List<String> ids = en.citations().stream().map(c -> c.id()).toList();
        assertEquals(
                List.of(
                        "dsm-art-4",
                        "aw-art-15o",
                        "dsm-art-3",
                        "aw-art-15n",
                        "optout-machine-readable",
                        "case-laion-2025",
                        "cip-2021-training-ai"),
                ids);
        assertTrue(
                en.citations().get(0).snippet().contains("4(3)")
                        || en.citations().get(0).reference().contains("4(3)"),
                en.citations().get(0).toString());
        assertTrue(nl.citations().stream().anyMatch(c -> c.id().equals("dsm-art-4-nl")));
        nl.citations().forEach(c -> assertTrue(knowledge.document(c.id()).isPresent(), c.id()));
    }

    @Test
    void theNoneFoundSummaryMentionsTermsOfUseAndTheLaionJudgment() {
        site.text("/a", HTML, page(""));
        OptOutReport en = checker.check(site.url("/a"), Language.EN);
        assertTrue(en.summary().contains("5 U 104/24") && en.summary().contains("terms of use"), en.summary());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://127.0.0.1/",
                "http://[::ffff:10.0.0.1]/",
                "http://100.64.0.1/",
                "http://[fc00::1]/",
                "http://[fe80::1]/",
                "http://224.0.0.1/",
                "ftp://example.org/",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http://user:secret@example.org/",
                "not a url",
                "http:///nohost",
                "//example.org/x"
            })
    void privateAndNonHttpAddressesAreRefusedByTheChecker(String url) {
        OptOutChecker strict = OptOutChecker.create(
                HelpdeskConfig.defaults().optOut(), Path.of("knowledge"), knowledge, Clock.systemUTC());
        try {
            assertThrows(UrlRefusedException.class, () -> strict.findings(url));
        } finally {
            strict.close();
        }
    }

    @Test
    void overlongAddressesAreRefused() {
        String url = "http://example.org/" + "a".repeat(AddressPolicy.MAX_URL_CHARS);
        UrlRefusedException e = assertThrows(UrlRefusedException.class, () -> checker.findings(url));
        assertTrue(e.getMessage().contains("longer than 2000"));
    }

    @Test
    void aCheckPastTheConcurrencyLimitIsRefusedAtOnceAndTheCallerIsNeverHeld() throws Exception {
        OptOutConfig two = TEST_CONFIG.withConcurrentChecks(2);
        CountDownLatch release = new CountDownLatch(1);
        TestSite.Handler slow = exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestSite.send(exchange, 200, HTML, page(""));
        };
        site.on("/a", slow).on("/b", slow).on("/c", slow).on("/robots.txt", slow);
        try (OptOutChecker limited =
                new OptOutChecker(two, AddressPolicy.of(two), crawlers, knowledge, Clock.systemUTC())) {
            long started = System.nanoTime();
            CompletableFuture<Findings> a = limited.findingsAsync(site.url("/a"));
            CompletableFuture<Findings> b = limited.findingsAsync(site.url("/b"));
            assertThrows(ChecksBusyException.class, () -> limited.findingsAsync(site.url("/c")));
            long callerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertFalse(a.isDone() || b.isDone(), "the checks run on the checker's pool, not the caller's thread");
            assertTrue(callerMillis < 1000, "the caller was held " + callerMillis + " ms");
            release.countDown();
            assertEquals(Verdict.NONE_FOUND, a.get(5, TimeUnit.SECONDS).verdict());
            b.get(5, TimeUnit.SECONDS);
            // Slots come back once checks end (the pool's threads hand back their slot just after completing).
            Findings again = null;
            for (int i = 0; i < 50 && again == null; i++) {
                try {
                    again = limited.findings(site.url("/c"));
                } catch (ChecksBusyException e) {
                    Thread.sleep(20);
                }
            }
            assertTrue(again != null && again.verdict() == Verdict.NONE_FOUND, String.valueOf(again));
        }
    }

    @Test
    void aHostileRobotsTxtIsReadWithinTheCheckBudget() {
        // The attack review's site: 512 KB of wildcard rules that each almost match a long path (206 s of CPU before).
        String rule = "Disallow: *" + "a".repeat(2000) + "b\n";
        StringBuilder robots = new StringBuilder("User-agent: *\n");
        while (robots.length() + rule.length() < TEST_CONFIG.maxBodyBytes()) {
            robots.append(rule);
        }
        site.text("/robots.txt", "text/plain", robots.toString());
        String path = "/" + "a".repeat(1900);
        site.text(path, HTML, page(""));
        long started = System.nanoTime();
        Findings f = checker.findings(site.url(path));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf(
                "hostile robots.txt (%d KB of wildcard rules): the whole check took %d ms%n",
                robots.length() / 1024, millis);
        assertEquals(Verdict.NONE_FOUND, f.verdict(), f.problems().toString());
        long budget = TEST_CONFIG.totalTimeout().plus(OptOutChecker.READ_GRACE).toMillis();
        assertTrue(millis < budget, "took " + millis + " ms, over the check's budget of " + budget + " ms");
    }

    @Test
    void aSiteSlowerThanTheDeadlineGetsAnUnreachableAnswerWithinTheBudget() {
        TestSite.Handler never = exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        site.on("/a", never).on("/robots.txt", never).on("/.well-known/tdmrep.json", never);
        long started = System.nanoTime();
        Findings f = checker.findings(site.url("/a"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(Verdict.UNREACHABLE, f.verdict());
        assertTrue(
                millis
                        < TEST_CONFIG
                                .totalTimeout()
                                .plus(OptOutChecker.READ_GRACE)
                                .toMillis(),
                millis + " ms");
    }

    @Test
    void evidenceIsCleanedAndTruncated() {
        Signal s = new Signal("html-meta", null, "rule", "a\u0000b\u001b[31mc\u202Ed" + "x".repeat(500), true);
        assertFalse(s.evidence().chars().anyMatch(c -> c < 0x20 || c == 0x202E), s.evidence());
        assertTrue(s.evidence().startsWith("ab[31mcd"));
        assertEquals(Signal.MAX_EVIDENCE_CHARS, s.evidence().length());
    }
}
