package nl.wur.cip.helpdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkGateTest {
    @Test
    void refusesAtOnceWhenTheRunningSlotsAndTheQueueAreFull() throws Exception {
        WorkGate gate = new WorkGate(1, 1, Duration.ofSeconds(5));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (WorkGate.Permit held = gate.enter()) {
            Future<String> queued = pool.submit(() -> gate.run(() -> "ran after waiting"));
            Thread.sleep(200); // let it take the one queue place
            long start = System.nanoTime();
            assertThrows(WorkGate.Overloaded.class, () -> gate.run(() -> "never"));
            assertEquals(0, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), "refused without waiting");
            held.close();
            assertEquals("ran after waiting", queued.get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, gate.refused());
    }

    @Test
    void closingAPermitTwiceFreesOneSlot() {
        WorkGate gate = new WorkGate(1, 0, Duration.ZERO);
        WorkGate.Permit permit = gate.enter();
        permit.close();
        permit.close();
        try (WorkGate.Permit only = gate.enter()) {
            assertThrows(WorkGate.Overloaded.class, gate::enter);
        }
    }

    @Test
    void aQueuedRequestGivesUpAfterTheLongestWait() {
        WorkGate gate = new WorkGate(1, 10, Duration.ofMillis(100));
        try (WorkGate.Permit held = gate.enter()) {
            assertThrows(WorkGate.Overloaded.class, () -> gate.run(() -> "never"));
        }
        assertEquals("free again", gate.run(() -> "free again"));
    }
}
