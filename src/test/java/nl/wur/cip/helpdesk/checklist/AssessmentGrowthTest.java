package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 2: how much the embedded database's files grow when one client posts 1,000 assessments, alike and
 * all different (the attack review measured 62 KB each before records were shared by their answers).
 */
class AssessmentGrowthTest {
    @TempDir
    Path dataDir;

    @Test
    void aThousandAlikeAssessmentsWriteNothingAndAThousandDifferentOnesTakeUnder32KbEach() throws Exception {
        ChecklistEngine engine = TestHelpdesk.shared().checklist().orElseThrow();
        List<Map<String, String>> different = differentCompletePaths(engine.checklist(), 1000, new Random(20261202));
        Database database = Database.open(TestHelpdesk.config(dataDir).databaseUrl(), "sa", "");
        AssessmentStore store = new AssessmentStore(database);
        ChecklistService service =
                new ChecklistService(engine, store, TestHelpdesk.shared().knowledge(), Clock.systemUTC());
        long start;
        long afterAlike;
        long afterDifferent;
        try {
            service.assess(different.get(0), Language.EN);
            start = folderBytes();
            for (int i = 0; i < 1000; i++) {
                service.assess(different.get(0), Language.EN);
            }
            afterAlike = folderBytes();
            assertEquals(1, store.count(), "alike assessments share one record");
            for (Map<String, String> answers : different) {
                service.assess(answers, Language.EN);
            }
            afterDifferent = folderBytes();
            assertEquals(1000, store.count());
        } finally {
            database.close(); // the database compacts its files on closing
        }
        long closed = folderBytes();
        System.out.printf(
                "data folder growth: 1,000 alike assessments %d KB; 1,000 different ones %d KB while"
                        + " posted (%.1f KB each), %d KB in all once closed%n",
                (afterAlike - start) / 1024,
                (afterDifferent - afterAlike) / 1024,
                (afterDifferent - afterAlike) / 1024.0 / 1000,
                closed / 1024);
        assertTrue(
                afterAlike - start < 64 * 1024,
                "alike assessments grew the folder by " + (afterAlike - start) + " bytes");
        // As CLOBs, uncompressed, each record had taken 69 KB of file; the stored JSON is some 22 KB.
        assertTrue(
                afterDifferent - afterAlike < 32L * 1024 * 1000,
                "1,000 different assessments grew the folder by " + (afterDifferent - afterAlike) + " bytes");
        assertTrue(closed < 20L * 1024 * 1024, "at rest the folder holds " + closed + " bytes");
    }

    @Test
    void aRecordMadeAgainWithinADayIsLeftAloneAndAfterADayRefreshedSoRetentionCountsFromTheLastTime() {
        Database database = Database.open("jdbc:h2:mem:growth-" + UUID.randomUUID(), "sa", "");
        try {
            AssessmentStore store = new AssessmentStore(database);
            Instant made = Instant.parse("2026-06-01T10:00:00Z");
            store.save(new AssessmentStore.Stored("r1", made, "v1", "en", "{}", "{\"n\":1}"));
            store.save(
                    new AssessmentStore.Stored("r1", made.plus(Duration.ofHours(23)), "v1", "en", "{}", "{\"n\":2}"));
            assertEquals(made, store.find("r1").orElseThrow().createdAt(), "made again within a day: not rewritten");
            assertEquals("{\"n\":1}", store.find("r1").orElseThrow().resultJson());
            Instant later = made.plus(Duration.ofDays(2));
            store.save(new AssessmentStore.Stored("r1", later, "v1", "en", "{}", "{\"n\":3}"));
            assertEquals(later, store.find("r1").orElseThrow().createdAt(), "made again after a day: refreshed");
            assertEquals(0, store.deleteBefore(made.plus(Duration.ofDays(1))), "retention counts from the refresh");
            assertEquals(1, store.count());
        } finally {
            database.close();
        }
    }

    /** Random walks from the first question to the end, each a different set of answers. */
    private static List<Map<String, String>> differentCompletePaths(Checklist checklist, int count, Random random) {
        Set<Map<String, String>> paths = new LinkedHashSet<>();
        for (int tries = 0; paths.size() < count && tries < count * 50; tries++) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (String id = checklist.start(); !Checklist.END.equals(id); ) {
                Checklist.Question question = checklist.question(id).orElseThrow();
                Checklist.Option option =
                        question.options().get(random.nextInt(question.options().size()));
                answers.put(question.id(), option.id());
                id = option.next();
            }
            paths.add(answers);
        }
        assertEquals(count, paths.size(), "the checklist has fewer different paths than asked for");
        return new ArrayList<>(paths);
    }

    private long folderBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
