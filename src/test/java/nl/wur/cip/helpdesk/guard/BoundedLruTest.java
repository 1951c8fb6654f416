package nl.wur.cip.helpdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedLruTest {
    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        BoundedLru<String, Integer> lru = new BoundedLru<>(3);
        lru.put("a", 1);
        lru.put("b", 2);
        lru.put("c", 3);
        assertEquals(1, lru.get("a")); // a is now the most recently used, b the least
        lru.put("d", 4);
        assertNull(lru.get("b"), "b was the least recently used");
        assertEquals(List.of(1, 3, 4), List.of(lru.get("a"), lru.get("c"), lru.get("d")));
        lru.put("c", 30); // replacing a value uses it too: a is now the eldest
        lru.put("e", 5);
        assertNull(lru.get("a"));
        assertEquals(30, lru.get("c"));
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        BoundedLru<Integer, Integer> lru = new BoundedLru<>(100);
        for (int i = 0; i < 10_000; i++) {
            lru.computeIfAbsent(i, k -> k * 2);
            assertTrue(lru.size() <= 100);
        }
        assertEquals(100, lru.size());
        assertEquals(2 * 9_999, lru.get(9_999));
        assertNull(lru.get(9_899), "the 101st most recent is gone");
        assertThrows(IllegalArgumentException.class, () -> new BoundedLru<>(0));
    }

    @Test
    void getOrComputeComputesOnlyOnAMissAndOutsideTheLock() throws Exception {
        BoundedLru<String, String> lru = new BoundedLru<>(10);
        AtomicInteger computed = new AtomicInteger();
        assertEquals("slow", lru.getOrCompute("k", () -> {
            computed.incrementAndGet();
            // Another thread can use the map while this value is being computed.
            try {
                assertEquals(
                        "x",
                        Executors.newSingleThreadExecutor()
                                .submit(() -> {
                                    lru.put("other", "x");
                                    return lru.get("other");
                                })
                                .get());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return "slow";
        }));
        assertEquals("slow", lru.getOrCompute("k", () -> "again"));
        assertEquals(1, computed.get());
    }

    @Test
    void manyThreadsAtOnceKeepTheBoundAndEveryKeyOnce() throws Exception {
        BoundedLru<Integer, AtomicInteger> lru = new BoundedLru<>(100);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 20_000; i++) {
                    // Every other use is one of five hot keys (0, 2, 4, 6, 8), so they stay; cold keys churn through
                    // the rest.
                    lru.computeIfAbsent(i % 2 == 0 ? i % 10 : 10 + i % 1000, k -> new AtomicInteger())
                            .incrementAndGet();
                    assertTrue(lru.size() <= 100);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertEquals(100, lru.size());
        int hot = 0;
        for (int k = 0; k < 10; k += 2) {
            hot += lru.get(k).get();
        }
        // Had two threads made the same hot key's counter at once, one thread's counts would be lost.
        assertEquals(threads * 10_000, hot, "one counter per hot key, none lost");
    }
}
