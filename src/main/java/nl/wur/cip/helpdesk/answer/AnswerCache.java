package nl.wur.cip.helpdesk.answer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The answers to the most recently asked questions, least recently used out first. */
final class AnswerCache {
    private final Map<String, AnswerService.Answered> entries;

    AnswerCache(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AnswerService.Answered> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached answer, or a new one; computed outside the lock so a slow question does not hold up the rest. */
    AnswerService.Answered computeIfAbsent(String key, Supplier<AnswerService.Answered> compute) {
        synchronized (entries) {
            AnswerService.Answered hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        AnswerService.Answered answered = compute.get();
        synchronized (entries) {
            entries.put(key, answered);
        }
        return answered;
    }
}
