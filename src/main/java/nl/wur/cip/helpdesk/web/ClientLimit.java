package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import nl.wur.cip.helpdesk.guard.RateLimiter;

/** A per-client rate limit in front of one endpoint: over it, {@code 429} with {@code Retry-After}. Off at rate 0. */
final class ClientLimit {
    private static final int MAX_CLIENTS = 20_000;

    private final Optional<RateLimiter> limiter;

    private ClientLimit(Optional<RateLimiter> limiter) {
        this.limiter = limiter;
    }

    static ClientLimit perMinute(int permits) {
        return of(permits, Duration.ofMinutes(1), Math.max(5, permits / 2));
    }

    static ClientLimit perHour(int permits) {
        return of(permits, Duration.ofHours(1), Math.max(3, permits / 2));
    }

    private static ClientLimit of(int permits, Duration period, int burst) {
        return new ClientLimit(permits == 0 ? Optional.empty()
                : Optional.of(new RateLimiter(permits, period, burst, MAX_CLIENTS, System::nanoTime)));
    }

    void check(Context ctx) {
        if (limiter.isEmpty() || !"POST".equals(ctx.method().name())) {
            return;
        }
        Optional<Duration> wait = limiter.get().acquire(ctx.ip());
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            throw new ApiException(429, "too many requests from your address; try again in a moment");
        }
    }
}
