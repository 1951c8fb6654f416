package nl.wur.cip.helpdesk.reload;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The generation of the knowledge that answers now. One atomic reference: a switch replaces the answers and the
 * checklist together, and a request that read the old generation keeps it until it is done (the old one is left to
 * the garbage collector, not closed: its index lives on the heap, and closing it could fail a request still on it).
 */
public final class LiveKnowledge {
    private final AtomicReference<KnowledgeGeneration> current;

    public LiveKnowledge(Clock clock) {
        current = new AtomicReference<>(KnowledgeGeneration.starting(clock.instant()));
    }

    public KnowledgeGeneration current() {
        return current.get();
    }

    /** Serves {@code next} from now on. */
    public void switchTo(KnowledgeGeneration next) {
        current.set(next);
    }

    /** Replaces a part of the current generation (the start-up wiring hands over answers and checklist one by one). */
    public void update(UnaryOperator<KnowledgeGeneration> change) {
        current.updateAndGet(change);
    }
}
