package nl.wur.cip.helpdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.answer.AnswerPolicy;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.insight.CardDrafts;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.insight.Insights;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.search.QueryExpansion;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import nl.wur.cip.helpdesk.web.HelpdeskServer;

/** The real helpdesk over the shipped knowledge, built once per test run because loading the model takes seconds. */
public final class TestHelpdesk {
    private static Assembly shared;
    private static AnswerService passagesOnly;

    public static synchronized Assembly shared() {
        if (shared == null) {
            shared = Assembly.of(config(Path.of("target", "test-helpdesk")));
        }
        return shared;
    }

    /**
     * The shared helpdesk with a policy that never takes a card and always answers from the passages: the path an
     * LLM writes for. The LLM tests use it so they exercise the model whatever the intent model decides.
     */
    public static synchronized AnswerService passagesOnly() {
        if (passagesOnly == null) {
            Assembly assembly = shared();
            AnswerPolicy d = AnswerPolicy.defaults();
            AnswerPolicy policy = new AnswerPolicy(
                    1.01,
                    d.cardMargin(),
                    d.partProbability(),
                    d.offTopicProbability(),
                    0.0,
                    d.pointToClosest(),
                    d.quoteSources(),
                    1.01,
                    d.dutchDiscount(),
                    d.calibration());
            passagesOnly = new AnswerService(
                    assembly.knowledge(),
                    assembly.retriever(),
                    assembly.understanding(),
                    new LanguageDetector(),
                    policy,
                    "copyright@wur.nl",
                    0);
        }
        return passagesOnly;
    }

    /** The shared answer service without a model, as the server takes it. */
    public static LlmAnswerService extractive() {
        return LlmAnswerService.extractiveOnly(shared().answers());
    }

    /**
     * Everything in one database, with escalations stored but not mailed (no SMTP server), no limits, no disk floor and
     * no site allowed to embed the chat.
     */
    public static HelpdeskServer.Services servicesWithoutMail(
            Database database, Optional<AdminAuth> admin, Clock clock) {
        return new HelpdeskServer.Services(
                new FeedbackStore(database),
                new UnansweredLog(database),
                new EscalationService(
                        new EscalationStore(database), Optional.empty(), "wur.nl", "copyright@wur.nl", clock),
                admin,
                GuardSettings.UNLIMITED,
                Optional.empty(),
                DiskFloor.none(),
                List.of(),
                new AnswerRecorder(new AnswerRecordStore(database), AnswerRecorder.DEFAULT_QUEUE));
    }

    /**
     * Hands the server its insight page's sources over the given database, wired as {@code Main} wires them, with
     * drafted cards saved in a fresh temporary folder.
     */
    public static void insightReady(HelpdeskServer server, Database database, Clock clock) {
        try {
            Path drafts = Files.createTempDirectory("cip-drafts-");
            drafts.toFile().deleteOnExit(); // when no test saved a draft in it
            insightReady(server, database, clock, drafts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #insightReady(HelpdeskServer, Database, Clock)}, with drafted cards saved in {@code drafts}. */
    public static void insightReady(HelpdeskServer server, Database database, Clock clock, Path drafts) {
        Assembly assembly = shared();
        server.insightReady(
                new Insights(
                        new AnswerRecordStore(database),
                        new FeedbackStore(database),
                        new EscalationStore(database),
                        clock),
                new ContentGaps(
                        new UnansweredLog(database),
                        assembly.knowledge(),
                        assembly.vectors(),
                        assembly.embedder(),
                        new QueryExpansion(assembly.knowledge().rules().dutchToEnglish()),
                        clock),
                new CardDrafts(drafts, clock));
    }

    public static HelpdeskConfig config(Path dataDir) {
        return HelpdeskConfig.from(
                Map.of(), List.of("--data-dir=" + dataDir, "--knowledge-dir=knowledge", "--web-dir=web"));
    }

    private TestHelpdesk() {}
}
