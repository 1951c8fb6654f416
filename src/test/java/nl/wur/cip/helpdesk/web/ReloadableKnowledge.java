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
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.reload.KnowledgeGeneration;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
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
        Path folder = copyOfTheShippedKnowledge(dataDir);
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
        TestHelpdesk.insightReady(server, database, clock, dataDir.resolve("drafts"));
        server.knowledge().switchTo(first); // with the gaps of this knowledge, not the shared one's
        KnowledgeReloader reloader = generations.reloader(
                server.knowledge(), result -> server.metrics().knowledgeReload(result.status()));
        server.reloadReady(reloader);
        return new ReloadableKnowledge(folder, dataDir.resolve("drafts"), reloader);
    }

    /** Copies {@code knowledge/} to {@code <folder>/knowledge}, for a test to edit. */
    public static Path copyOfTheShippedKnowledge(Path folder) throws IOException {
        Path copy = folder.resolve("knowledge");
        Path shipped = Path.of("knowledge");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(shipped.relativize(file).toString()));
            }
        }
        return copy;
    }

    @Override
    public void close() {
        reloader.close();
    }
}
