package nl.wur.cip.helpdesk.reload;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the knowledge without a restart, one reload at a time, on its own thread (never a request's): builds the
 * folder as it is now, refuses it when a file has a problem, asks the project's question sets of the serving and the
 * new knowledge, and switches only when no question that passed fails. Otherwise the old knowledge keeps answering.
 */
public final class KnowledgeReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeReloader.class);

    /** Whether a reload was started. */
    public enum Start {
        STARTED,
        BUSY,
        NOT_READY
    }

    /**
     * What the admin page shows.
     *
     * @param runningSince when the reload under way started; empty when none is
     * @param last         the last reload's result; empty before the first
     */
    public record Status(int generation, Optional<Instant> runningSince, Optional<ReloadResult> last) {}

    /** The question sets' results of one generation, kept so the next reload compares without asking them again. */
    private record Baseline(int generation, QuestionGate.Results results) {}

    private final LiveKnowledge live;
    private final GenerationBuilder builder;
    private final QuestionGate gate;
    private final Clock clock;
    private final Consumer<ReloadResult> onResult;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "knowledge-reload");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Instant> running = new AtomicReference<>();
    private volatile ReloadResult last;
    /** Read and written on the reload thread only. */
    private Baseline baseline;

    /** @param onResult told every result (the metrics count them) */
    public KnowledgeReloader(
            LiveKnowledge live,
            GenerationBuilder builder,
            QuestionGate gate,
            Clock clock,
            Consumer<ReloadResult> onResult) {
        this.live = live;
        this.builder = builder;
        this.gate = gate;
        this.clock = clock;
        this.onResult = onResult;
    }

    /**
     * Starts a reload unless one is running or the knowledge has not loaded at start yet.
     *
     * @param trigger who asked ({@code admin}, {@code SIGHUP}), for the log and the result
     * @param done    told the result when the reload ends
     */
    public Start start(String trigger, Consumer<ReloadResult> done) {
        if (live.current().answers().isEmpty()) {
            return Start.NOT_READY;
        }
        Instant now = clock.instant();
        if (!running.compareAndSet(null, now)) {
            return Start.BUSY;
        }
        LOG.info("knowledge reload started ({})", trigger);
        try {
            worker.execute(() -> {
                ReloadResult result;
                try {
                    result = reload(trigger, now);
                } catch (RuntimeException | Error e) {
                    // A failure of the reload itself (out of memory, a bug): the old knowledge keeps answering.
                    LOG.error("knowledge reload failed: {}", e.toString(), e);
                    result = result(
                            ReloadResult.REFUSED,
                            trigger,
                            now,
                            List.of(new LoadProblem("", 0, "the reload failed: " + e)),
                            Optional.empty(),
                            Candidate.Build.NONE,
                            0);
                }
                finish(result, done);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.set(null);
            return Start.NOT_READY; // closing down
        }
        return Start.STARTED;
    }

    /** Runs a reload and waits for its result: for the command line and the tests. */
    public Optional<ReloadResult> reloadNow(String trigger) {
        CompletableFuture<ReloadResult> result = new CompletableFuture<>();
        if (start(trigger, result::complete) != Start.STARTED) {
            return Optional.empty();
        }
        return Optional.of(result.join());
    }

    public Status status() {
        return new Status(live.current().number(), Optional.ofNullable(running.get()), Optional.ofNullable(last));
    }

    private void finish(ReloadResult result, Consumer<ReloadResult> done) {
        last = result;
        running.set(null);
        if (result.switched()) {
            LOG.info(
                    "knowledge reload ({}): switched to generation {} in {} ms",
                    result.trigger(),
                    result.generation(),
                    result.durationMs());
        } else {
            LOG.warn(
                    "knowledge reload ({}): refused in {} ms, generation {} keeps answering; problems {}, newly failing {}",
                    result.trigger(),
                    result.durationMs(),
                    result.generation(),
                    result.problems(),
                    result.diff()
                            .map(d -> d.newlyFailing().stream()
                                    .map(c -> c.set() + "/" + c.id())
                                    .toList())
                            .orElse(List.of()));
        }
        try {
            onResult.accept(result);
        } finally {
            done.accept(result);
        }
    }

    private ReloadResult reload(String trigger, Instant startedAt) {
        KnowledgeGeneration serving = live.current();
        Candidate candidate = builder.build(serving.number() + 1);
        if (candidate.generation().isEmpty()) {
            return result(
                    ReloadResult.REFUSED,
                    trigger,
                    startedAt,
                    candidate.problems(),
                    Optional.empty(),
                    candidate.build(),
                    0);
        }
        long gateStart = System.nanoTime();
        QuestionGate.Results before = baselineOf(serving);
        QuestionGate.Results after = gate.run(candidate.extractive());
        long gateMs = (System.nanoTime() - gateStart) / 1_000_000;
        QuestionGate.Diff diff = gate.compare(before, after);
        if (!diff.newlyFailing().isEmpty()) {
            return result(
                    ReloadResult.REFUSED, trigger, startedAt, List.of(), Optional.of(diff), candidate.build(), gateMs);
        }
        KnowledgeGeneration next = candidate.generation().get();
        live.switchTo(next);
        baseline = new Baseline(next.number(), after);
        return result(
                ReloadResult.SWITCHED, trigger, startedAt, List.of(), Optional.of(diff), candidate.build(), gateMs);
    }

    /** The serving generation's results: kept from the reload that switched to it, else asked now (once). */
    private QuestionGate.Results baselineOf(KnowledgeGeneration serving) {
        if (baseline == null || baseline.generation() != serving.number()) {
            AnswerService answers = serving.answers().orElseThrow().extractive();
            baseline = new Baseline(serving.number(), gate.run(answers));
        }
        return baseline.results();
    }

    private ReloadResult result(
            String status,
            String trigger,
            Instant startedAt,
            List<LoadProblem> problems,
            Optional<QuestionGate.Diff> diff,
            Candidate.Build build,
            long gateMs) {
        Instant finished = clock.instant();
        return new ReloadResult(
                status,
                trigger,
                startedAt,
                finished,
                live.current().number(),
                List.copyOf(problems),
                diff,
                build,
                gateMs,
                Math.max(0, finished.toEpochMilli() - startedAt.toEpochMilli()));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
