package nl.wur.cip.helpdesk.checklist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * Turns a researcher's answers into an {@link Assessment}. Stateless: the client sends all answers
 * every time, so a page reload or a changed earlier answer needs no session on the server.
 */
public final class ChecklistEngine {
    private final Checklist checklist;
    private final Map<String, Checklist.Question> questions = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();

    public ChecklistEngine(Checklist checklist) {
        this.checklist = Objects.requireNonNull(checklist);
        checklist.questions().forEach(q -> questions.put(q.id(), q));
        for (int i = 0; i < checklist.levels().size(); i++) {
            rank.put(checklist.levels().get(i).id(), i);
        }
        if (checklist.levels().isEmpty() || !questions.containsKey(checklist.start())) {
            throw new ChecklistException(checklist.source() + ": the checklist needs levels and a start question");
        }
    }

    public Checklist checklist() {
        return checklist;
    }

    /**
     * Walks from the start question, consuming one answer per question on the path, so the order in
     * which the answers arrive does not matter.
     *
     * @param answers question id to option id; null counts as no answers
     * @throws ChecklistException for an unknown question, an unknown option, or an answer to a
     *                            question that the earlier answers do not lead to
     */
    public Assessment assess(Map<String, String> answers, Language language) {
        Objects.requireNonNull(language, "language");
        Map<String, String> given = answers == null ? Map.of() : answers;
        // Sorted so that, of several bad ids, the same one is reported whatever the map's order.
        Set<String> ids = new TreeSet<>();
        for (String id : given.keySet()) {
            if (id == null) {
                throw new ChecklistException("unknown question 'null'", "onbekende vraag 'null'");
            }
            ids.add(id);
        }
        for (String id : ids) {
            if (!questions.containsKey(id)) {
                throw new ChecklistException("unknown question '" + id + "'", "onbekende vraag '" + id + "'");
            }
        }

        Set<String> visited = new HashSet<>();
        List<Assessment.Step> steps = new ArrayList<>();
        Map<String, String> conditions = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        Set<String> questionCites = new LinkedHashSet<>();
        Set<String> noteCites = new LinkedHashSet<>();
        // Every level an answer capped at, by rank; the verdict is the most restrictive of them.
        Set<Integer> reached = new TreeSet<>();
        String track = null;
        Checklist.Question current = questions.get(checklist.start());
        while (current != null && given.containsKey(current.id())) {
            if (!visited.add(current.id())) {
                // The loader rejects cycles; this guards a Checklist built some other way.
                throw new IllegalStateException("the checklist loops back to question '" + current.id() + "'");
            }
            Checklist.Question question = current;
            String optionId = given.get(question.id());
            Checklist.Option option = question.option(optionId).orElseThrow(() -> unknownOption(question, optionId));
            steps.add(new Assessment.Step(
                    question.id(),
                    question.text().in(language),
                    option.id(),
                    option.label().in(language)));
            questionCites.addAll(question.cites());
            if (option.track() != null) {
                track = option.track();
            }
            if (option.levelDependsOnTrack() && track == null) {
                // The loader rejects this too: a track-dependent level before any answer set the track.
                throw new IllegalStateException("option '" + option.id() + "' of question '" + question.id()
                        + "' has a level per track, but the path is on no track yet");
            }
            String cap = option.levelOn(track);
            if (cap != null) {
                reached.add(rank.getOrDefault(cap, 0));
            }
            for (String id : option.conditions()) {
                Checklist.Condition condition = checklist.conditions().get(id);
                if (condition != null && !conditions.containsKey(id)) {
                    String onTrack = track;
                    Checklist.Wording wording = condition
                            .on(track)
                            .orElseThrow(() -> new IllegalStateException("condition '" + id + "' has no text for track "
                                    + (onTrack == null ? "(none yet)" : "'" + onTrack + "'")));
                    conditions.put(id, wording.text().in(language));
                    noteCites.addAll(wording.cites());
                }
            }
            for (String id : option.flags()) {
                Checklist.Flag flag = checklist.flags().get(id);
                if (flag != null && !flags.containsKey(id)) {
                    flags.put(id, flag.text().in(language));
                    noteCites.addAll(flag.cites());
                }
            }
            current = Checklist.END.equals(option.next()) ? null : questions.get(option.next());
            if (current == null && !Checklist.END.equals(option.next())) {
                // As with loops: the loader rejects this, but a dangling next must never pass for a complete path.
                throw new IllegalStateException("option '" + option.id() + "' of question '" + question.id()
                        + "' leads to unknown question '" + option.next() + "'");
            }
        }
        boolean complete = current == null;

        for (Checklist.Question question : checklist.questions()) {
            if (given.containsKey(question.id()) && !visited.contains(question.id())) {
                throw new ChecklistException(
                        "the answer to question '" + question.id() + "' is out of order: the earlier answers "
                                + (complete
                                        ? "complete the checklist without it"
                                        : "lead to question '" + current.id() + "', not to it"),
                        "het antwoord op vraag '" + question.id()
                                + "' staat niet op zijn plaats: de eerdere antwoorden "
                                + (complete
                                        ? "maken de checklist zonder die vraag af"
                                        : "leiden naar vraag '" + current.id() + "', niet naar die vraag"));
            }
        }

        Set<String> cites = new LinkedHashSet<>();
        Assessment.Verdict verdict = null;
        List<Assessment.Verdict> levels = new ArrayList<>();
        Assessment.NextQuestion next = null;
        if (complete) {
            if (reached.isEmpty()) {
                reached.add(0);
            }
            for (int index : reached) {
                Checklist.Level level = checklist.levels().get(index);
                levels.add(new Assessment.Verdict(
                        level.id(), level.title().in(language), level.text().in(language)));
            }
            verdict = levels.get(levels.size() - 1);
            // The verdict's sources first, then those of the other levels reached, most restrictive first.
            for (int i = levels.size() - 1; i >= 0; i--) {
                cites.addAll(
                        checklist.level(levels.get(i).level()).orElseThrow().cites());
            }
        } else {
            next = new Assessment.NextQuestion(
                    current.id(),
                    current.text().in(language),
                    current.help().in(language),
                    current.options().stream()
                            .map(o -> new Assessment.Choice(o.id(), o.label().in(language)))
                            .toList(),
                    current.cites());
        }
        cites.addAll(noteCites);
        cites.addAll(questionCites);
        return new Assessment(
                complete, next, verdict, levels, notes(conditions), notes(flags), List.copyOf(cites), steps);
    }

    private static ChecklistException unknownOption(Checklist.Question question, String optionId) {
        List<String> expected =
                question.options().stream().map(Checklist.Option::id).toList();
        String given = optionId == null ? "no option" : "unknown option '" + optionId + "'";
        String gegeven = optionId == null ? "geen optie" : "onbekende optie '" + optionId + "'";
        return new ChecklistException(
                given + " for question '" + question.id() + "'; expected one of " + String.join(", ", expected),
                gegeven + " bij vraag '" + question.id() + "'; verwacht een van " + String.join(", ", expected));
    }

    private static List<Assessment.Note> notes(Map<String, String> texts) {
        return texts.entrySet().stream()
                .map(e -> new Assessment.Note(e.getKey(), e.getValue()))
                .toList();
    }
}
