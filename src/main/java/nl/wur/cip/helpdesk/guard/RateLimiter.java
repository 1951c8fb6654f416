package nl.wur.cip.helpdesk.guard;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code permits} requests per {@code period} with bursts up to {@code burst}. It
 * remembers at most {@code maxClients} clients, forgetting the least recently seen, so a flood of addresses cannot
 * exhaust memory.
 */
public final class RateLimiter {
    private final double burst;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final BoundedLru<String, Bucket> buckets;

    public RateLimiter(int permits, Duration period, int burst, int maxClients, LongSupplier nanoTime) {
        if (permits <= 0 || burst <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        this.burst = burst;
        this.tokensPerNano = permits / (double) period.toNanos();
        this.nanoTime = nanoTime;
        this.buckets = new BoundedLru<>(maxClients);
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** Takes one request from the client's bucket; empty if allowed, else how long until the next one is. */
    public synchronized Optional<Duration> acquire(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * tokensPerNano);
        bucket.updated = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }

    synchronized int clients() {
        return buckets.size();
    }
}
