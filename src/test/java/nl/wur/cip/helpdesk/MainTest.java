package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.answer.AnswerPolicy;
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
        return Main.run(
                all,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void askPrintsTheAnswerOutcomeAndNumberedSources() {
        int code = run(
                Path.of("target", "test-helpdesk"),
                "ask",
                "Which article of the Auteurswet covers text and data mining for research?");
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
        assertEquals(
                0,
                run(Path.of("target", "test-helpdesk"), "eval", set.toString()),
                err.toString(StandardCharsets.UTF_8));
        String report = output();
        assertTrue(report.contains("overall: 66.7% (2/3)"), report);
        assertTrue(report.contains("topic offtopic"), report);
        assertTrue(report.contains("language nl"), report);
        assertTrue(report.contains("c [nl]"), "failures are listed: " + report);
        assertTrue(report.contains("recall@3 bm25"), report);
        assertTrue(report.contains("recall@3 fused"), report);
    }

    @Test
    void evalWritesEachQuestionsOutcomeConfidenceAndResultWhenGivenAResultsFile(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, """
                {"id":"a","lang":"en","topic":"law","question":"What is the definition of text and data mining?","expect":"answer","must":[["automated"]]}
                {"id":"b","lang":"en","topic":"offtopic","question":"What is a good recipe for pancakes?","expect":"answer","must":[["pancake"]]}
                """);
        Path results = dir.resolve("results.jsonl");
        assertEquals(
                0,
                run(Path.of("target", "test-helpdesk"), "eval", set.toString(), results.toString()),
                err.toString(StandardCharsets.UTF_8));
        List<JsonNode> lines = Files.readAllLines(results).stream()
                .map(line -> {
                    try {
                        return new ObjectMapper().readTree(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
        assertEquals(
                List.of("a", "b"), lines.stream().map(l -> l.get("id").asText()).toList());
        assertTrue(lines.get(0).get("passed").asBoolean(), lines.get(0).toString());
        assertEquals("answered", lines.get(0).get("outcome").asText());
        assertTrue(lines.get(0).get("confidence").asDouble() > 0, lines.get(0).toString());
        assertEquals(
                lines.get(0).get("confidence").asDouble(),
                AnswerPolicy.defaults()
                        .reportedConfidence(lines.get(0).get("probability").asDouble()),
                0.002,
                "the model's probability is the one behind the reported confidence");
        assertTrue(
                lines.get(0).get("source").asText().startsWith("card:"),
                lines.get(0).toString());
        assertFalse(lines.get(1).get("passed").asBoolean(), lines.get(1).toString());
        assertEquals("off_topic", lines.get(1).get("outcome").asText());
        assertTrue(
                lines.get(1).get("failure").asText().contains("expected answer"),
                lines.get(1).toString());
    }

    @Test
    void calibrateFitsTheConfidenceCalibrationToTheAnsweredQuestionsOfResultsFiles(@TempDir Path dir) throws Exception {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            results.append(String.format(
                    java.util.Locale.ROOT,
                    "{\"id\":\"q%d\",\"outcome\":\"answered\",\"probability\":%.2f,\"passed\":%b}%n",
                    i,
                    0.4 + 0.05 * i,
                    i % 4 != 0));
        }
        results.append("{\"id\":\"e\",\"outcome\":\"escalate\",\"probability\":0.2,\"passed\":true}\n");
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, results);
        assertEquals(0, run(dir, "calibrate", file.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(output().contains("fitted on 12 answered questions (9 right)"), output());
        assertTrue(output().contains("0.4-0.6"), output());
        assertEquals(2, run(dir, "calibrate"));
        assertEquals(2, run(dir, "calibrate", dir.resolve("missing.jsonl").toString()));
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

    @Test
    void aFreshDataFolderStartsFromWhatTheBuildShippedWithoutEmbeddingOrTraining(@TempDir Path dir) throws Exception {
        try (Assembly assembly = Assembly.of(TestHelpdesk.config(dir))) {
            assertEquals(
                    0, assembly.vectors().computed(), "every text of the shipped knowledge has its vector in the jar");
            assertTrue(
                    assembly.vectors().fromJar() > 1000,
                    "from the jar: " + assembly.vectors().fromJar());
            assertTrue(assembly.understanding().validation().accuracy() > 0.5);
        }
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.startsWith("intents-"))
                            .toList(),
                    "nothing trained: the intent model came from the jar");
        }
    }

    @Test
    void precomputeWritesTheVectorsAndTheIntentModelAJarShips(@TempDir Path dir) throws Exception {
        Path knowledge = dir.resolve("knowledge");
        Files.createDirectories(knowledge.resolve("intents"));
        Files.writeString(knowledge.resolve("intents/off-topic.yml"), """
                id: off-topic
                outcome: off_topic
                questions:
                  en:
                    - What are the library opening hours?
                    - Can I renew my books online?
                  nl:
                    - Hoe laat gaat de bibliotheek open?
                    - Kan ik mijn boeken online verlengen?
                """);
        Path target = dir.resolve("precomputed");
        int code = Main.run(
                List.of("precompute", target.toString(), "--knowledge-dir=" + knowledge),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(target.resolve("vectors.bin")) > 384 * 4, "vectors written");
        try (var files = Files.list(target)) {
            assertEquals(
                    2,
                    files.filter(f -> f.getFileName().toString().startsWith("intents-"))
                            .count(),
                    "model and calibration");
        }
        assertTrue(output().contains("precomputed"), output());
        assertEquals(2, Main.run(List.of("precompute"), Map.of(), new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void aServerThatCannotLoadItsModelExitsWithTheReasonInsteadOfAnsweringUnavailableForEver(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("model.onnx"), "not a model");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int code = Main.run(
                List.of(
                        "serve",
                        "--port=" + port,
                        "--data-dir=" + dir.resolve("data"),
                        "--knowledge-dir=knowledge",
                        "--web-dir=web",
                        "--embedding-model=" + dir.resolve("model.onnx")),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("is not a usable ONNX model"),
                err.toString(StandardCharsets.UTF_8));
        try (ServerSocket again = new ServerSocket(port)) { // the web server was closed, so its port is free
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void shutdownClosesEveryPartEvenWhenOneBeforeItFails() {
        List<String> closed = new ArrayList<>();
        Main.closeAll(List.of(
                () -> closed.add("server"),
                () -> {
                    throw new IllegalStateException("a request outlived the stop timeout");
                },
                () -> closed.add("mail worker"),
                () -> closed.add("database")));
        assertEquals(List.of("server", "mail worker", "database"), closed);
    }
}
