package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import nl.wur.cip.helpdesk.guard.RateLimiter;
import nl.wur.cip.helpdesk.knowledge.Bilingual;

/** A per-client rate limit in front of one endpoint: over it, {@code 429} with {@code Retry-After}. Off at rate 0. */
final class ClientLimit {
    private static final int MAX_CLIENTS = 20_000;

    private final Optional<RateLimiter> limiter;
    private final Bilingual what;

    private ClientLimit(Optional<RateLimiter> limiter, Bilingual what) {
        this.limiter = limiter;
        this.what = what;
    }

    /** @param what what is counted, for the error message ("questions", "checks") */
    static ClientLimit perMinute(int permits, Bilingual what) {
        return perMinute(permits, Math.max(5, permits / 2), what);
    }

    static ClientLimit perMinute(int permits, int burst, Bilingual what) {
        return of(permits, Duration.ofMinutes(1), burst, what);
    }

    static ClientLimit perHour(int permits, Bilingual what) {
        return of(permits, Duration.ofHours(1), Math.max(3, permits / 2), what);
    }

    private static ClientLimit of(int permits, Duration period, int burst, Bilingual what) {
        return new ClientLimit(
                permits == 0
                        ? Optional.empty()
                        : Optional.of(new RateLimiter(permits, period, burst, MAX_CLIENTS, System::nanoTime)),
                what);
    }

    void check(Context ctx) {
        if (limiter.isEmpty() || !"POST".equals(ctx.method().name())) {
            return;
        }
        Optional<Duration> wait = limiter.get().acquire(ctx.ip());
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            throw new ApiException(
                    429,
                    "too many " + what.en() + " from your address; try again in a moment",
                    "te veel " + what.nl() + " vanaf jouw adres; probeer het zo opnieuw");
        }
    }
}
