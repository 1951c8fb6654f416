package nl.wur.cip.helpdesk.guard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A thread-safe map that keeps at most {@code capacity} entries, dropping the least recently used first: the one
 * bounded memory of the rate limiter's clients, the answer cache and the opt-out checker's cache.
 *
 * <p>It lives in {@code guard} because its job is a guard's: whatever a flood of clients, questions or addresses sends,
 * memory stays bounded. {@code guard} uses only {@code config}, so {@code answer} and {@code optout} can use it without
 * a cycle. One lock for the whole map: every operation is a few pointer moves, far less than the work it saves.
 */
public final class BoundedLru<K, V> {
    private final Map<K, V> entries;

    public BoundedLru(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("an LRU map needs room for at least one entry");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 256), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value, marked as just used; null if absent. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    /** Stores the value as the most recently used, dropping the least recently used one if the map is full. */
    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** The value, or a new one made under the lock: for cheap values that must exist once (e.g. a client's bucket). */
    public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
        return entries.computeIfAbsent(key, make);
    }

    /**
     * The value, or a new one computed outside the lock, so a slow computation does not hold up the other keys; two
     * callers missing the same key at once may both compute it, and the later one is kept.
     */
    public V getOrCompute(K key, Supplier<? extends V> compute) {
        V hit = get(key);
        if (hit != null) {
            return hit;
        }
        V made = compute.get();
        put(key, made);
        return made;
    }

    public synchronized int size() {
        return entries.size();
    }
}
