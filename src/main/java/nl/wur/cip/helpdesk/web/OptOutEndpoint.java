package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.optout.AddressPolicy;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutReport;
import nl.wur.cip.helpdesk.optout.UrlRefusedException;

/**
 * {@code POST /api/optout-check}: checks a website's text and data mining reservations. Each client (by IP) may run
 * {@value #PER_MINUTE} checks a minute, because every check makes requests to someone else's website.
 */
final class OptOutEndpoint {
    static final int PER_MINUTE = 10;
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_CLIENTS = 10_000;

    private record Window(long start, int count) {
    }

    private final JsonRequests requests;
    private final Supplier<Optional<OptOutChecker>> checker;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    OptOutEndpoint(JsonRequests requests, Supplier<Optional<OptOutChecker>> checker, LongSupplier nanoTime) {
        this.requests = requests;
        this.checker = checker;
        this.nanoTime = nanoTime;
    }

    OptOutReport handle(Context ctx) {
        OptOutChecker service = checker.get()
                .orElseThrow(() -> new ApiException(503, "the opt-out check is not available yet; try again shortly"));
        long retryAfter = admit(ctx.ip());
        if (retryAfter > 0) {
            ctx.header("Retry-After", Long.toString(retryAfter));
            throw new ApiException(429, "too many checks; at most " + PER_MINUTE + " a minute, try again in "
                    + retryAfter + " seconds");
        }
        JsonNode body = requests.object(ctx);
        String url = JsonRequests.requiredString(body, "url", AddressPolicy.MAX_URL_CHARS + 100);
        Language language = JsonRequests.optionalString(body, "language", 5)
                .map(code -> Language.fromCode(code).orElseThrow(() -> new ApiException(400, "'language' must be \"en\" or \"nl\"")))
                .orElse(Language.EN);
        try {
            return service.check(url, language);
        } catch (UrlRefusedException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** 0 when the client may check now, else the seconds until it may. */
    private long admit(String client) {
        long now = nanoTime.getAsLong();
        synchronized (windows) {
            Window w = windows.get(client);
            if (w == null || now - w.start() >= WINDOW_NANOS) {
                windows.put(client, new Window(now, 1));
                return 0;
            }
            if (w.count() >= PER_MINUTE) {
                return Math.max(1, (WINDOW_NANOS - (now - w.start()) + 999_999_999L) / 1_000_000_000L);
            }
            windows.put(client, new Window(w.start(), w.count() + 1));
            return 0;
        }
    }
}
