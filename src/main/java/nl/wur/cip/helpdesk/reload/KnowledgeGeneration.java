package nl.wur.cip.helpdesk.reload;

import java.time.Instant;
import java.util.Optional;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;

/**
 * Everything that answers, built from one state of the knowledge folder: the answers (index, intent model and cards
 * inside) and the checklist. Never changed, only replaced whole: a request takes the generation once and finishes on
 * it, even when a reload switches to the next one meanwhile.
 *
 * @param number  1 for the knowledge loaded at start, one more for each reload that switched
 * @param answers empty until the knowledge is loaded at start
 */
public record KnowledgeGeneration(
        int number, Instant loadedAt, Optional<LlmAnswerService> answers, Optional<ChecklistService> checklist) {

    /** Before the knowledge is loaded: nothing answers yet. */
    public static KnowledgeGeneration starting(Instant now) {
        return new KnowledgeGeneration(0, now, Optional.empty(), Optional.empty());
    }

    public KnowledgeGeneration withAnswers(LlmAnswerService service) {
        return new KnowledgeGeneration(number, loadedAt, Optional.of(service), checklist);
    }

    public KnowledgeGeneration withChecklist(ChecklistService service) {
        return new KnowledgeGeneration(number, loadedAt, answers, Optional.of(service));
    }
}
