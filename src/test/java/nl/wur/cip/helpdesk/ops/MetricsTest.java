package nl.wur.cip.helpdesk.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void madeUpMethodsShareOneLabelSoTheMetricsStayTheSameSize() {
        try (Metrics metrics = new Metrics(Map::of)) {
            metrics.request("GET", "/api/health", 200, 1.0);
            metrics.request("FROB", "(unmatched)", 405, 0.1);
            int before = metrics.render().length();
            for (int i = 0; i < 3000; i++) {
                metrics.request("FROB" + i, "(unmatched)", 405, 0.1);
            }
            String text = metrics.render();
            assertTrue(text.contains("method=\"OTHER\""), text);
            assertFalse(text.contains("FROB"), "no invented method becomes a label");
            assertTrue(text.length() < before + 200, "no new series: " + (text.length() - before));
            assertTrue(text.contains("method=\"GET\""));
        }
    }

    @Test
    void keepsTheHelpdesksNamesWithTheirBucketsAndAddsTheJvmAndJettyPool() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.start();
        try (Metrics metrics = new Metrics(() -> {
            scrapes.incrementAndGet();
            return Map.of("queued", 3L, "sent", 7L);
        })) {
            metrics.bindThreadPool(threads);
            metrics.request("POST", "/api/ask", 200, 42.0);
            metrics.answer("off_topic", true);
            String text = metrics.render();
            assertTrue(
                    text.contains("helpdesk_http_requests_total{method=\"POST\",route=\"/api/ask\",status=\"200\"} 1"),
                    text);
            assertTrue(
                    text.contains(
                            "helpdesk_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/ask\",le=\"0.05\"} 1"),
                    text);
            assertTrue(
                    text.contains(
                            "helpdesk_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/ask\",le=\"0.025\"} 0"),
                    text);
            assertTrue(
                    text.contains("helpdesk_http_request_duration_seconds_count{method=\"POST\",route=\"/api/ask\"} 1"),
                    text);
            assertTrue(text.contains("helpdesk_answers_total{outcome=\"off_topic\"} 1"), text);
            assertTrue(text.contains("helpdesk_answers_total{outcome=\"answered\"} 0"), text);
            assertTrue(text.contains("helpdesk_answers_degraded_total 1"), text);
            assertTrue(text.contains("helpdesk_escalation_mails{state=\"queued\"} 3"), text);
            assertTrue(text.contains("helpdesk_escalation_mails{state=\"sent\"} 7"), text);
            assertEquals(1, scrapes.get(), "the mail queue is counted once per scrape");
            for (String added : new String[] {
                "jvm_memory_used_bytes",
                "jvm_gc_",
                "jvm_threads_live_threads",
                "process_uptime_seconds",
                "jetty_threads_config_max 64"
            }) {
                assertTrue(text.contains(added), added + " in\n" + text);
            }
        } finally {
            threads.stop();
        }
    }
}
