package nl.wur.cip.helpdesk.reload;

import java.time.Instant;
import java.util.Optional;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;

/**
 * Everything that answers, built from one state of the knowledge folder: the answers (index, intent model and cards
 * inside), the checklist, and the content gaps (which name the card closest to each gap). Never changed, only
 * replaced whole: a request takes the generation once and finishes on it, even when a reload switches to the next one
 * meanwhile.
 *
 * @param number  1 for the knowledge loaded at start, one more for each reload that switched
 * @param answers empty until the knowledge is loaded at start
 */
public record KnowledgeGeneration(
        int number,
        Instant loadedAt,
        Optional<LlmAnswerService> answers,
        Optional<ChecklistService> checklist,
        Optional<ContentGaps> gaps) {

    /** Before the knowledge is loaded: nothing answers yet. */
    public static KnowledgeGeneration starting(Instant now) {
        return new KnowledgeGeneration(0, now, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public KnowledgeGeneration withAnswers(LlmAnswerService service) {
        return new KnowledgeGeneration(number, loadedAt, Optional.of(service), checklist, gaps);
    }

    public KnowledgeGeneration withChecklist(ChecklistService service) {
        return new KnowledgeGeneration(number, loadedAt, answers, Optional.of(service), gaps);
    }

    public KnowledgeGeneration withGaps(ContentGaps service) {
        return new KnowledgeGeneration(number, loadedAt, answers, checklist, Optional.of(service));
    }
}
