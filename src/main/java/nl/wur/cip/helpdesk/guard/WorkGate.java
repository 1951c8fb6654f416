package nl.wur.cip.helpdesk.guard;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the expensive work (embedding and answering a question): at most {@code concurrency} at a time and at
 * most {@code queue} waiting, each for at most {@code maxWait}. Past that the caller is told to come back later
 * ({@link Overloaded}), so a burst becomes quick 503s instead of a pile-up of threads and memory.
 */
public final class WorkGate {
    private final Semaphore running;
    private final int queue;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public WorkGate(int concurrency, int queue, Duration maxWait) {
        this.running = new Semaphore(concurrency, true);
        this.queue = queue;
        this.maxWait = maxWait;
    }

    /** The gate is full: nothing was done. */
    public static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("the helpdesk is busy; try again in a moment", null, false, false);
        }
    }

    public <T> T run(Supplier<T> work) {
        try (Permit permit = enter()) {
            return work.get();
        }
    }

    /** A slot in the gate, held until closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot, waiting in the queue if there is room; {@link Overloaded} if not. */
    public Permit enter() {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                refused.incrementAndGet();
                throw new Overloaded();
            }
            try {
                if (!running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    refused.incrementAndGet();
                    throw new Overloaded();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Overloaded();
            } finally {
                waiting.decrementAndGet();
            }
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) { // closing twice must not free two slots
                running.release();
            }
        };
    }

    /** How many requests the gate has turned away since start. */
    public int refused() {
        return refused.get();
    }
}
