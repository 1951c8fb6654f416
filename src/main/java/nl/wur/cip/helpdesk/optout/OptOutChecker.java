package nl.wur.cip.helpdesk.optout;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.guard.BoundedLru;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.optout.Crawlers.Crawler;

/**
 * Checks a website's text and data mining reservations for one address: the page itself (TDMRep headers, meta tags,
 * robots meta), {@code /robots.txt} (for everyone and for the well-known AI crawlers) and
 * {@code /.well-known/tdmrep.json}. Three requests at most, fetched in parallel within one deadline. Each whole
 * check (address lookup, fetching, reading) runs on a pool of its own, never on the caller's thread, and gives its
 * answer by the deadline plus {@link #READ_GRACE} whatever the site sends. Results are cached for ten minutes per
 * normalised address; failed checks are not cached, so a retry really retries.
 */
public final class OptOutChecker implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OptOutChecker.class);
    static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final int CACHE_ENTRIES = 500;
    private static final int MAX_AGENT_SIGNALS = 40;
    /** Reading what was fetched is linear in its size (at most three bodies of 512 KB): far less than this. */
    public static final Duration READ_GRACE = Duration.ofSeconds(2);

    private record Cached(Findings findings, long expires) {}

    private final OptOutConfig config;
    private final AddressPolicy policy;
    private final SafeFetcher fetcher;
    private final List<Crawler> crawlers;
    private final OptOutMeaning meaning;
    private final Clock clock;
    /** Whole checks: as many threads as checks may run, no queue, so one more is refused instead of waiting. */
    private final ThreadPoolExecutor checks;
    /** The up to three requests of each running check. */
    private final ThreadPoolExecutor fetches;

    private final BoundedLru<String, Cached> cache = new BoundedLru<>(CACHE_ENTRIES);

    public OptOutChecker(
            OptOutConfig config, AddressPolicy policy, List<Crawler> crawlers, KnowledgeBase knowledge, Clock clock) {
        this.config = config;
        this.policy = policy;
        this.fetcher = new SafeFetcher(config, policy);
        this.crawlers = List.copyOf(crawlers);
        this.meaning = new OptOutMeaning(knowledge);
        this.clock = clock;
        this.checks = pool(config.concurrentChecks(), new SynchronousQueue<>(), "optout-check");
        this.fetches = pool(3 * config.concurrentChecks(), new LinkedBlockingQueue<>(), "optout-fetch");
    }

    private static ThreadPoolExecutor pool(int threads, BlockingQueue<Runnable> queue, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true); // idle threads end
        return pool;
    }

    /** The checker as the server uses it: crawlers from {@code knowledge/optout/crawlers.yml}. */
    public static OptOutChecker create(OptOutConfig config, Path knowledgeDir, KnowledgeBase knowledge, Clock clock) {
        List<Crawler> crawlers;
        try {
            crawlers = Crawlers.load(knowledgeDir.resolve("optout").resolve("crawlers.yml"));
        } catch (IllegalArgumentException e) { // never stop the helpdesk: the * rules and TDMRep still get checked
            LOG.error("AI crawler list not available, checking robots.txt for * only: {}", e.getMessage());
            crawlers = List.of();
        }
        return new OptOutChecker(config, AddressPolicy.of(config), crawlers, knowledge, clock);
    }

    /**
     * Checks the address and reports, in the language asked, when the check is done.
     *
     * @throws UrlRefusedException at once, if the address is not an http(s) URL of a public website
     * @throws ChecksBusyException at once, if as many checks run as the configuration allows
     */
    public CompletableFuture<OptOutReport> checkAsync(String url, Language language) {
        return findingsAsync(url).thenApply(findings -> meaning.report(findings, language));
    }

    /** As {@link #checkAsync}, waiting for the report. */
    public OptOutReport check(String url, Language language) {
        return join(checkAsync(url, language));
    }

    /** As {@link #findingsAsync}, waiting for the findings. */
    public Findings findings(String url) {
        return join(findingsAsync(url));
    }

    /**
     * What the site declares about the address, from the cache when checked in the last ten minutes.
     *
     * @throws UrlRefusedException at once, if the address is not an http(s) URL of a public website
     * @throws ChecksBusyException at once, if as many checks run as the configuration allows
     */
    public CompletableFuture<Findings> findingsAsync(String url) {
        URI uri = AddressPolicy.parse(url);
        String key = normalise(uri);
        Cached hit = cache.get(key);
        if (hit != null && hit.expires() - System.nanoTime() > 0) {
            return CompletableFuture.completedFuture(hit.findings());
        }
        URI target = URI.create(key);
        long deadline = System.nanoTime() + config.totalTimeout().toNanos();
        CompletableFuture<Findings> running;
        try {
            running = CompletableFuture.supplyAsync(() -> fetchAndRead(target, deadline), checks);
        } catch (RejectedExecutionException e) {
            throw new ChecksBusyException(config.concurrentChecks());
        }
        long budgetMillis = config.totalTimeout().plus(READ_GRACE).toMillis();
        return running.completeOnTimeout(outOfTime(target), budgetMillis, TimeUnit.MILLISECONDS)
                .thenApply(findings -> {
                    if (findings.verdict() != Verdict.UNREACHABLE) {
                        cache.put(key, new Cached(findings, System.nanoTime() + CACHE_NANOS));
                    }
                    return findings;
                });
    }

    private Findings outOfTime(URI uri) {
        return new Findings(
                uri.toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                Verdict.UNREACHABLE,
                List.of(),
                List.of("the check did not finish within "
                        + config.totalTimeout().plus(READ_GRACE).toSeconds()
                        + " s; the site answered too slowly or sent too much to read"));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Lower-case scheme and host, no default port, no fragment, "/" for an empty path. */
    static String normalise(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private Findings fetchAndRead(URI uri, long deadline) {
        String checkedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String url = uri.toString();
        try {
            policy.check(uri); // refuses private addresses before any request; see AddressPolicy on DNS rebinding
        } catch (UnknownHostException e) {
            return new Findings(
                    url, checkedAt, Verdict.UNREACHABLE, List.of(), List.of("host " + uri.getHost() + " not found"));
        }
        URI origin = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        CompletableFuture<SafeFetcher.Fetched> page = fetch(uri, deadline);
        CompletableFuture<SafeFetcher.Fetched> robots = fetch(origin.resolve("/robots.txt"), deadline);
        CompletableFuture<SafeFetcher.Fetched> tdmrep = fetch(origin.resolve("/.well-known/tdmrep.json"), deadline);

        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        List<Signal> signals = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        boolean complete = true;

        SafeFetcher.Fetched p = page.join();
        if (!p.ok()) {
            problems.add("page: " + p.failure());
            complete = false;
        } else {
            SiteSignals.Found h = SiteSignals.headers(p.headers());
            signals.addAll(h.signals());
            full |= h.fullReservation();
            partial |= h.partial();
            if (p.status() >= 200 && p.status() < 300) {
                String type = p.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
                if (type.isEmpty() || type.contains("html") || type.contains("xml")) {
                    SiteSignals.Found m = SiteSignals.htmlMeta(new String(p.body(), StandardCharsets.UTF_8));
                    signals.addAll(m.signals());
                    full |= m.fullReservation();
                    partial |= m.partial();
                }
                if (p.truncated()) {
                    problems.add("page: larger than " + config.maxBodyBytes() / 1024 + " KB; only the start was read");
                }
            } else {
                problems.add("page: HTTP " + p.status());
                complete = false;
            }
            if (!p.uri().getHost().equalsIgnoreCase(uri.getHost())) {
                problems.add("page: redirected to " + p.uri().getHost() + ", whose own robots.txt was not checked");
            }
        }

        SafeFetcher.Fetched r = robots.join();
        if (pastBudget(deadline)) { // the caller has had its answer; spend no more CPU on this site
            return outOfTime(uri);
        }
        if (!r.ok()) {
            problems.add("robots.txt: " + r.failure());
            complete = false;
        } else if (r.status() >= 200 && r.status() < 300) {
            RobotsResult rr = readRobots(RobotsTxt.parse(new String(r.body(), StandardCharsets.UTF_8)), path);
            signals.addAll(rr.signals());
            full |= rr.full();
            partial |= rr.partial();
            if (r.truncated()) {
                problems.add(
                        "robots.txt: larger than " + config.maxBodyBytes() / 1024 + " KB; only the start was read");
            }
        } else if (r.status() >= 500) {
            problems.add("robots.txt: HTTP " + r.status() + " (crawlers then treat the whole site as disallowed)");
            complete = false;
        } // 3xx beyond the limit is a failure; 4xx means there is no robots.txt: no rules

        SafeFetcher.Fetched t = tdmrep.join();
        if (pastBudget(deadline)) {
            return outOfTime(uri);
        }
        if (!t.ok()) {
            problems.add("tdmrep.json: " + t.failure());
        } else if (t.status() == 200) {
            SiteSignals.Found f = SiteSignals.tdmRepFile(new String(t.body(), StandardCharsets.UTF_8), path);
            signals.addAll(f.signals());
            problems.addAll(f.problems());
            full |= f.fullReservation();
            partial |= f.partial();
        }

        boolean reserves = signals.stream().anyMatch(Signal::reserves);
        Verdict verdict = full
                ? Verdict.RESERVED
                : !complete ? Verdict.UNREACHABLE : reserves || partial ? Verdict.PARTLY : Verdict.NONE_FOUND;
        return new Findings(url, checkedAt, verdict, signals, problems);
    }

    private static boolean pastBudget(long deadline) {
        return System.nanoTime() - (deadline + READ_GRACE.toNanos()) > 0;
    }

    private record RobotsResult(List<Signal> signals, boolean full, boolean partial) {}

    private RobotsResult readRobots(RobotsTxt robots, String path) {
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        RobotsTxt.Decision all = robots.decide("*", path);
        if (!all.allowed()) {
            RobotsTxt.Rule rule = all.rule().orElseThrow();
            signals.add(new Signal(
                    "robots.txt",
                    "*",
                    "Disallow for all crawlers: " + rule.path(),
                    "line " + rule.line() + ": " + rule.raw(),
                    true));
            full = true;
        }
        for (Crawler crawler : crawlers) {
            if (signals.size() >= MAX_AGENT_SIGNALS || !robots.names(crawler.agent())) {
                continue; // not named: it follows the * rules, reported above
            }
            String agent = crawler.agent() + " (" + crawler.operator() + ")";
            RobotsTxt.Decision d = robots.decide(crawler.agent(), path);
            if (!d.allowed()) {
                RobotsTxt.Rule rule = d.rule().orElseThrow();
                signals.add(new Signal(
                        "robots.txt",
                        agent,
                        "Disallow for " + crawler.agent() + ": " + rule.path(),
                        "line " + rule.line() + ": " + rule.raw(),
                        true));
                partial = true;
            } else {
                robots.rulesFor(crawler.agent()).stream()
                        .filter(rule -> !rule.allow())
                        .findFirst()
                        .ifPresent(rule -> signals.add(new Signal(
                                "robots.txt",
                                agent,
                                "Disallow for " + crawler.agent() + " on other paths only: " + rule.path(),
                                "line " + rule.line() + ": " + rule.raw(),
                                false)));
                partial |= robots.rulesFor(crawler.agent()).stream().anyMatch(rule -> !rule.allow());
            }
        }
        return new RobotsResult(signals, full, partial);
    }

    private CompletableFuture<SafeFetcher.Fetched> fetch(URI uri, long deadline) {
        return CompletableFuture.supplyAsync(() -> fetcher.get(uri, deadline), fetches)
                .exceptionally(e -> SafeFetcher.Fetched.failed(uri, "request failed"));
    }

    @Override
    public void close() {
        checks.shutdownNow();
        fetches.shutdownNow();
    }
}
