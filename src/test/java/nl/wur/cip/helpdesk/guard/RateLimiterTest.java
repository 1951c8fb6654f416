package nl.wur.cip.helpdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        RateLimiter limiter = new RateLimiter(60, Duration.ofMinutes(1), 5, 100, now::get);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.acquire("a").isEmpty(), "burst request " + i);
        }
        Duration wait = limiter.acquire("a").orElseThrow();
        assertTrue(wait.toMillis() > 900 && wait.toMillis() <= 1000, "one a second: " + wait);
        assertTrue(limiter.acquire("b").isEmpty(), "another client has its own bucket");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(limiter.acquire("a").isEmpty(), "refilled after a second");
        assertTrue(limiter.acquire("a").isPresent());
    }

    @Test
    void remembersABoundedNumberOfClients() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 1, 1000, now::get);
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertEquals(1000, limiter.clients());
    }
}
