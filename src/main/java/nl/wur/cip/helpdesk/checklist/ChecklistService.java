package nl.wur.cip.helpdesk.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Message;

/** The checklist as the API offers it: the tree in one language, assessments with their sources, stored records. */
public final class ChecklistService {
    /** 128 bits of a hash of what was answered, URL-safe. */
    private static final Pattern ASSESSMENT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /**
     * The body of an assessment response. {@code verdict} is the most restrictive level reached; {@code levels} lists
     * every level reached, from best to most restrictive, so a definite "permission needed" shows next to "unclear".
     * Assessments stored before {@code levels} existed read back with {@code levels} null.
     */
    public record Result(
            boolean complete,
            Assessment.NextQuestion next,
            Assessment.Verdict verdict,
            List<Assessment.Verdict> levels,
            List<Assessment.Note> conditions,
            List<Assessment.Note> flags,
            List<Citation> citations,
            List<Assessment.Step> steps,
            String assessmentId,
            String checklistVersion,
            String language,
            String assessedAt) {}

    /** The tree in one language, for clients that draw the whole wizard. */
    public record Tree(String version, String start, List<TreeQuestion> questions) {}

    /** One question of the tree with where each option leads. */
    public record TreeQuestion(String id, String text, String help, List<String> cites, List<TreeOption> options) {}

    /** One option of a question. */
    public record TreeOption(String id, String label, String next) {}

    private final ChecklistEngine engine;
    private final AssessmentStore store;
    private final KnowledgeBase knowledge;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public ChecklistService(ChecklistEngine engine, AssessmentStore store, KnowledgeBase knowledge, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    public Tree tree(Language language) {
        Checklist checklist = engine.checklist();
        return new Tree(
                checklist.version(),
                checklist.start(),
                checklist.questions().stream()
                        .map(q -> new TreeQuestion(
                                q.id(),
                                q.text().in(language),
                                q.help().in(language),
                                q.cites(),
                                q.options().stream()
                                        .map(o ->
                                                new TreeOption(o.id(), o.label().in(language), o.next()))
                                        .toList()))
                        .toList());
    }

    /**
     * Assesses the answers; a complete assessment is stored and gets its id, which names the checklist version, language
     * and answers: the same answers give the same record, so a client posting assessments in a loop cannot fill the
     * disk (the record holds no one's details, only answers and the verdict they lead to).
     */
    public Result assess(Map<String, String> answers, Language language) {
        Assessment a = engine.assess(answers, language);
        String id = a.complete() ? recordId(engine.checklist().version(), language, a.steps()) : null;
        String at = clock.instant().toString();
        Result result = new Result(
                a.complete(),
                a.next(),
                a.verdict(),
                a.levels(),
                a.conditions(),
                a.flags(),
                citations(a.cites(), language),
                a.steps(),
                id,
                engine.checklist().version(),
                language.code(),
                at);
        if (id != null) {
            try {
                store.save(new AssessmentStore.Stored(
                        id,
                        clock.instant(),
                        engine.checklist().version(),
                        language.code(),
                        mapper.writeValueAsString(new TreeMap<>(answers)),
                        mapper.writeValueAsString(result)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** A stored assessment as a Markdown record, for a data management plan, under the messages file's disclaimer. */
    public Optional<String> markdown(String id) {
        return markdown(id, knowledge.messages().of(Message.REPORT_DISCLAIMER));
    }

    /** A stored assessment as a Markdown record under another disclaimer. */
    public Optional<String> markdown(String id, Bilingual disclaimer) {
        return find(id).map(json -> {
            try {
                return AssessmentReport.markdown(
                        mapper.readValue(json, Result.class), disclaimer, knowledge.messages());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored assessment " + id + " is unreadable", e);
            }
        });
    }

    /** A stored assessment's result as JSON, if the id is well-formed and known. */
    public Optional<String> find(String id) {
        if (id == null || !ASSESSMENT_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return store.find(id).map(AssessmentStore.Stored::resultJson);
    }

    private List<Citation> citations(List<String> ids, Language language) {
        return ids.stream()
                .map(id -> knowledge.documentIn(id, language))
                .flatMap(Optional::stream)
                .filter(d -> !d.passages().isEmpty())
                .distinct()
                .map(d -> Citation.of(d.passages().get(0)))
                .toList();
    }

    /** The answers that led to the verdict, in the order asked: unanswered extras do not make another record. */
    private static String recordId(String version, Language language, List<Assessment.Step> steps) {
        StringBuilder identity = new StringBuilder(version).append('\n').append(language.code());
        steps.forEach(step ->
                identity.append('\n').append(step.questionId()).append('=').append(step.optionId()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
