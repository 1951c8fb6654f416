package nl.wur.cip.helpdesk.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The numbers the office's IT watches, in a Micrometer registry written in the Prometheus text format: requests by
 * route and status with their latency, answers by outcome and the escalation mail queue (the names the helpdesk had
 * before Micrometer), and the JVM, garbage collector, Jetty thread pool and HikariCP pool that the binders add.
 */
public final class Metrics implements AutoCloseable {
    /** The latency histogram's buckets, as before Micrometer. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5)
    };

    private static final List<String> OUTCOMES = List.of("answered", "escalate", "off_topic");
    /** The outcomes a knowledge reload can have, registered at zero so a dashboard sees them before the first reload. */
    public static final List<String> RELOAD_RESULTS = List.of("switched", "refused");

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<Map<String, Long>> mailQueue;
    private final Map<String, AtomicLong> mails = new ConcurrentHashMap<>();
    private final Counter degraded;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** @param mailQueue the number of escalation mails in each delivery state, read at each scrape */
    public Metrics(Supplier<Map<String, Long>> mailQueue) {
        this.mailQueue = mailQueue;
        for (String outcome : OUTCOMES) {
            answers(outcome);
        }
        RELOAD_RESULTS.forEach(this::reloads);
        degraded = Counter.builder("helpdesk.answers.degraded")
                .description("Answers where the language model failed and the extractive answer was given.")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry, for the binders of parts made elsewhere (HikariCP takes it as its metric registry). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Adds the web server's thread pool: busy, idle and queued threads against the limit. */
    public void bindThreadPool(ThreadPool threads) {
        new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(registry);
    }

    /**
     * @param method the request's method; made-up ones (any token is valid HTTP) count as {@code OTHER}, or 3,000
     *               requests of invented methods would make as many series
     * @param route  the matched route pattern (bounded set), never the raw path
     */
    public void request(String method, String route, int status, double millis) {
        String known = KNOWN_METHODS.contains(method) ? method : "OTHER";
        Counter.builder("helpdesk.http.requests")
                .description("HTTP requests by method, route and status.")
                .tags("method", known, "route", route, "status", Integer.toString(status))
                .register(registry)
                .increment();
        Timer.builder("helpdesk.http.request.duration")
                .description("Time to answer a request.")
                .tags("method", known, "route", route)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    public void answer(String outcome, boolean wasDegraded) {
        answers(outcome).increment();
        if (wasDegraded) {
            degraded.increment();
        }
    }

    /** One knowledge reload ended with {@code result} (one of {@link #RELOAD_RESULTS}). */
    public void knowledgeReload(String result) {
        reloads(result).increment();
    }

    private Counter reloads(String result) {
        return Counter.builder("helpdesk.knowledge.reloads")
                .description("Knowledge reloads by result: switched or refused.")
                .tag("result", result)
                .register(registry);
    }

    private Counter answers(String outcome) {
        return Counter.builder("helpdesk.answers")
                .description("Answers by outcome.")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Adds {@code helpdesk_answer_records_dropped_total}: answers not counted for the insight page (queue full, database down). */
    public void countAnswerRecordsDropped(LongSupplier dropped) {
        FunctionCounter.builder("helpdesk.answer.records.dropped", dropped, d -> (double) d.getAsLong())
                .description("Answer records dropped instead of stored, because the queue was full or a write failed.")
                .register(registry);
    }

    /** The Prometheus text; the mail queue is counted once per scrape, not once per state. */
    public String render() {
        mailQueue
                .get()
                .forEach((state, count) -> mails.computeIfAbsent(state, s -> {
                            AtomicLong value = new AtomicLong();
                            Gauge.builder("helpdesk.escalation.mails", value, AtomicLong::get)
                                    .description("Escalation mails by delivery state.")
                                    .tag("state", s)
                                    .register(registry);
                            return value;
                        })
                        .set(count));
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
