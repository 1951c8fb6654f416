package nl.wur.cip.helpdesk.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import org.junit.jupiter.api.Test;

/**
 * The reload's decisions over the real shipped knowledge and the real question sets: the same knowledge switches
 * with nothing newly failing, a folder with problems is refused with them, and only one reload runs at a time.
 */
class KnowledgeReloaderTest {
    private final Clock clock = Clock.systemUTC();
    private final List<ReloadResult> counted = new ArrayList<>();

    private static LiveKnowledge serving(AnswerService answers) {
        LiveKnowledge live = new LiveKnowledge(Clock.systemUTC());
        live.switchTo(new KnowledgeGeneration(
                1,
                Instant.now(),
                Optional.of(LlmAnswerService.extractiveOnly(answers)),
                Optional.empty(),
                Optional.empty()));
        return live;
    }

    @Test
    void theSameKnowledgeSwitchesWithNothingNewlyFailing() {
        AnswerService answers = TestHelpdesk.shared().answers();
        LiveKnowledge live = serving(answers);
        KnowledgeGeneration next = new KnowledgeGeneration(
                2,
                Instant.now(),
                Optional.of(LlmAnswerService.extractiveOnly(answers)),
                Optional.empty(),
                Optional.empty());
        try (KnowledgeReloader reloader = new KnowledgeReloader(
                live, n -> Candidate.ready(next, Candidate.Build.NONE), QuestionGate.shipped(), clock, counted::add)) {
            ReloadResult result = reloader.reloadNow("admin").orElseThrow();
            assertEquals(ReloadResult.SWITCHED, result.status(), result.toString());
            assertSame(next, live.current());
            QuestionGate.Diff diff = result.diff().orElseThrow();
            assertTrue(diff.questions() > 100, "both shipped sets are asked: " + diff.questions());
            assertEquals(diff.passedBefore(), diff.passedAfter());
            assertTrue(diff.newlyFailing().isEmpty() && diff.newlyPassing().isEmpty(), diff.toString());
            assertEquals(List.of(result), counted);
            assertEquals(2, reloader.status().generation());
        }
    }

    @Test
    void aFolderWithProblemsIsRefusedAndTheOldGenerationKeepsAnswering() {
        LiveKnowledge live = serving(TestHelpdesk.shared().answers());
        KnowledgeGeneration before = live.current();
        LoadProblem problem = new LoadProblem("faq/faq-opt-out.md", 3, "front matter is not valid YAML");
        try (KnowledgeReloader reloader = new KnowledgeReloader(
                live,
                n -> Candidate.refused(List.of(problem), Candidate.Build.NONE),
                QuestionGate.shipped(),
                clock,
                counted::add)) {
            ReloadResult result = reloader.reloadNow("SIGHUP").orElseThrow();
            assertEquals(ReloadResult.REFUSED, result.status());
            assertEquals(List.of(problem), result.problems());
            assertTrue(result.diff().isEmpty(), "a folder that does not load is not asked the questions");
            assertSame(before, live.current());
            assertEquals(Optional.of(result), reloader.status().last());
        }
    }

    @Test
    void aSecondReloadWhileOneRunsIsRefusedAsBusy() throws Exception {
        LiveKnowledge live = serving(TestHelpdesk.shared().answers());
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (KnowledgeReloader reloader = new KnowledgeReloader(
                live,
                n -> {
                    building.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Candidate.refused(
                            List.of(new LoadProblem("rules/scope.yml", 1, "broken")), Candidate.Build.NONE);
                },
                QuestionGate.shipped(),
                clock,
                counted::add)) {
            CountDownLatch done = new CountDownLatch(1);
            assertEquals(KnowledgeReloader.Start.STARTED, reloader.start("admin", r -> done.countDown()));
            assertTrue(building.await(10, TimeUnit.SECONDS));
            assertEquals(KnowledgeReloader.Start.BUSY, reloader.start("admin", r -> {}));
            assertTrue(reloader.status().runningSince().isPresent());
            release.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertFalse(reloader.status().runningSince().isPresent());
            assertEquals(KnowledgeReloader.Start.STARTED, reloader.start("admin", r -> {}));
        }
    }

    @Test
    void noReloadBeforeTheKnowledgeLoadedAtStart() {
        try (KnowledgeReloader reloader = new KnowledgeReloader(
                new LiveKnowledge(clock),
                n -> {
                    throw new AssertionError("must not build");
                },
                QuestionGate.shipped(),
                clock,
                counted::add)) {
            assertEquals(KnowledgeReloader.Start.NOT_READY, reloader.start("admin", r -> {}));
        }
    }
}
