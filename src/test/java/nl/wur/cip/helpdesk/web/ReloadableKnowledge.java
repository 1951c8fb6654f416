package nl.wur.cip.helpdesk.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.KnowledgeGenerations;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.insight.CardDrafts;
import nl.wur.cip.helpdesk.insight.Insights;
import nl.wur.cip.helpdesk.reload.KnowledgeGeneration;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.reload.QuestionGate;
import nl.wur.cip.helpdesk.storage.Database;

/**
 * A copy of the shipped knowledge that a test's server answers from, built as {@code Main} builds it (the real
 * generation builder: answers, checklist, content gaps, insight counts) with the real reloader over it: a test edits
 * {@link #folder()} and reloads; cards drafted on the insight page are saved in {@link #drafts()}.
 */
public record ReloadableKnowledge(Path folder, Path drafts, KnowledgeReloader reloader) implements AutoCloseable {

    /** Copies {@code knowledge/} into {@code dataDir} and hands generation 1 of it, and its reloader, to the server. */
    public static ReloadableKnowledge serve(HelpdeskServer server, Database database, Path dataDir, Clock clock)
            throws IOException {
        Path folder = dataDir.resolve("knowledge");
        Path shipped = Path.of("knowledge");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(shipped.relativize(file).toString()));
            }
        }
        HelpdeskConfig config = HelpdeskConfig.from(
                Map.of(), List.of("--data-dir=" + dataDir, "--knowledge-dir=" + folder, "--web-dir=web"));
        KnowledgeGenerations generations = new KnowledgeGenerations(
                config,
                TestHelpdesk.shared().embedder(),
                TestHelpdesk.extractive(),
                new AssessmentStore(database),
                new UnansweredLog(database),
                clock);
        KnowledgeGeneration first = generations
                .build(1)
                .generation()
                .orElseThrow(() -> new IllegalStateException("the shipped knowledge has problems"));
        server.knowledge().switchTo(first);
        server.insightReady(
                new Insights(
                        new AnswerRecordStore(database),
                        new FeedbackStore(database),
                        new EscalationStore(database),
                        clock),
                first.gaps().orElseThrow(),
                new CardDrafts(dataDir.resolve("drafts"), clock));
        KnowledgeReloader reloader = new KnowledgeReloader(
                server.knowledge(),
                generations,
                QuestionGate.shipped(),
                clock,
                result -> server.metrics().knowledgeReload(result.status()));
        server.reloadReady(reloader);
        return new ReloadableKnowledge(folder, dataDir.resolve("drafts"), reloader);
    }

    @Override
    public void close() {
        reloader.close();
    }
}
