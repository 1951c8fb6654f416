package nl.wur.cip.helpdesk.insight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes answer records off the request thread: a request only offers its record to a bounded queue, which never
 * blocks; one writer thread stores what it finds there in batches. When the queue is full (the database slower than
 * the answers for longer than the queue lasts) or a batch cannot be stored, those records are dropped and counted,
 * never the answer: the counts are worth less than a researcher's wait.
 */
public final class AnswerRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerRecorder.class);
    /** About 20 s of answers at the measured 510/s: a database pause of that long loses nothing. */
    public static final int DEFAULT_QUEUE = 10_000;

    private static final int BATCH = 500;
    /** After a failed batch the writer waits this long, so a database that is down is not hammered. */
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final AnswerRecordStore store;
    private final BlockingQueue<AnswerRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public AnswerRecorder(AnswerRecordStore store, int capacity) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeLoop, "answer-records");
        writer.setDaemon(true);
        writer.start();
    }

    /** Called on the request thread: returns at once, whatever the database is doing. */
    public void record(AnswerRecord record) {
        if (!running || !queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records lost to a full queue or a failed write since the start (the {@code /metrics} counter). */
    public long dropped() {
        return dropped.get();
    }

    /** Records stored since the start. */
    public long written() {
        return written.get();
    }

    private void writeLoop() {
        List<AnswerRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                AnswerRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store.insert(batch);
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                LOG.warn("could not store {} answer records (counted as dropped): {}", batch.size(), e.getMessage());
                if (!pause()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking records and writes what is queued (waiting up to 5 s), before the database closes. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
        dropped.addAndGet(queue.size());
        queue.clear();
    }
}
