package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: ask, eval and bad usage. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir=" + data);
        all.add("--knowledge-dir=knowledge");
        return Main.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void askPrintsTheAnswerOutcomeAndNumberedSources() {
        int code = run(Path.of("target", "test-helpdesk"), "ask", "Which article of the Auteurswet covers text and data mining for research?");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(output().contains("outcome: answered"), output());
        assertTrue(output().contains("[1] "), output());
        assertTrue(output().contains("copyright@wur.nl"), output());
    }

    @Test
    void evalPrintsPassRatesByTopicAndLanguageAndRecall(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, """
                {"id":"a","lang":"en","topic":"law","question":"What is the definition of text and data mining?","expect":"answer","must":[["automated"]]}
                {"id":"b","lang":"en","topic":"offtopic","question":"What is a good recipe for pancakes?","expect":"off_topic"}
                {"id":"c","lang":"nl","topic":"offtopic","question":"Hoe laat vertrekt de trein naar Utrecht?","expect":"answer","must":[["never"]]}
                """);
        assertEquals(0, run(Path.of("target", "test-helpdesk"), "eval", set.toString()), err.toString(StandardCharsets.UTF_8));
        String report = output();
        assertTrue(report.contains("overall: 66.7% (2/3)"), report);
        assertTrue(report.contains("topic offtopic"), report);
        assertTrue(report.contains("language nl"), report);
        assertTrue(report.contains("c [nl]"), "failures are listed: " + report);
        assertTrue(report.contains("recall@3 bm25"), report);
        assertTrue(report.contains("recall@3 fused"), report);
    }

    @Test
    void badUsageExitsWithCode2AndSaysWhy(@TempDir Path dir) {
        assertEquals(2, run(dir, "eval", dir.resolve("missing.jsonl").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        assertEquals(2, run(dir, "ask"));
        assertEquals(2, run(dir, "frobnicate"));
        assertEquals(2, Main.run(List.of("--port=eighty"), Map.of(), new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("HELPDESK_PORT"));
    }
}
