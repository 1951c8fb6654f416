package nl.wur.cip.helpdesk.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The numbers the office's IT watches, kept in memory and written in the Prometheus text format: requests by
 * route and status with their latency, answers by outcome, and the escalation mail queue.
 */
public final class Metrics {
    private static final double[] BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Latency> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder degraded = new LongAdder();
    private final Supplier<Map<String, Long>> mailQueue;

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    /** @param mailQueue the number of escalation mails in each delivery state, read at each scrape */
    public Metrics(Supplier<Map<String, Long>> mailQueue) {
        this.mailQueue = mailQueue;
    }

    private static final class Latency {
        final LongAdder[] buckets = new LongAdder[BUCKETS_MS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Latency() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    /**
     * @param method the request's method; made-up ones (any token is valid HTTP) count as {@code OTHER}, or 3,000
     *               requests of invented methods would make as many series
     * @param route  the matched route pattern (bounded set), never the raw path
     */
    public void request(String method, String route, int status, double millis) {
        method = KNOWN_METHODS.contains(method) ? method : "OTHER";
        requests.computeIfAbsent(method + " " + route + " " + status, k -> new LongAdder()).increment();
        Latency l = latency.computeIfAbsent(method + " " + route, k -> new Latency());
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            if (millis <= BUCKETS_MS[i]) {
                l.buckets[i].increment();
            }
        }
        l.count.increment();
        l.sum.add(millis / 1000);
    }

    public void answer(String outcome, boolean wasDegraded) {
        answers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        if (wasDegraded) {
            degraded.increment();
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP helpdesk_http_requests_total HTTP requests by method, route and status.\n")
                .append("# TYPE helpdesk_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            String[] parts = key.split(" ", 3);
            out.append("helpdesk_http_requests_total{method=\"").append(parts[0]).append("\",route=\"").append(label(parts[1]))
                    .append("\",status=\"").append(parts[2]).append("\"} ").append(count.sum()).append('\n');
        });
        out.append("# HELP helpdesk_http_request_duration_seconds Time to answer a request.\n")
                .append("# TYPE helpdesk_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((key, l) -> {
            String[] parts = key.split(" ", 2);
            String labels = "method=\"" + parts[0] + "\",route=\"" + label(parts[1]) + "\"";
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                out.append("helpdesk_http_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                        .append(String.format(Locale.ROOT, "%.3f", BUCKETS_MS[i] / 1000)).append("\"} ")
                        .append(l.buckets[i].sum()).append('\n');
            }
            out.append("helpdesk_http_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                    .append(l.count.sum()).append('\n');
            out.append("helpdesk_http_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", l.sum.sum())).append('\n');
            out.append("helpdesk_http_request_duration_seconds_count{").append(labels).append("} ").append(l.count.sum())
                    .append('\n');
        });
        out.append("# HELP helpdesk_answers_total Answers by outcome.\n# TYPE helpdesk_answers_total counter\n");
        for (String outcome : new String[] {"answered", "escalate", "off_topic"}) {
            out.append("helpdesk_answers_total{outcome=\"").append(outcome).append("\"} ")
                    .append(answers.getOrDefault(outcome, new LongAdder()).sum()).append('\n');
        }
        out.append("# HELP helpdesk_answers_degraded_total Answers where the language model failed and the extractive"
                + " answer was given.\n# TYPE helpdesk_answers_degraded_total counter\n")
                .append("helpdesk_answers_degraded_total ").append(degraded.sum()).append('\n');
        out.append("# HELP helpdesk_escalation_mails Escalation mails by delivery state.\n")
                .append("# TYPE helpdesk_escalation_mails gauge\n");
        mailQueue.get().forEach((state, count) -> out.append("helpdesk_escalation_mails{state=\"").append(label(state))
                .append("\"} ").append(count).append('\n'));
        return out.toString();
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
