package nl.wur.cip.helpdesk.reload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;

/**
 * How one reload ended, as the admin API and page show it.
 *
 * @param status     {@code switched} (the new knowledge answers now) or {@code refused} (the old one still does)
 * @param trigger    what asked for it: {@code admin} or {@code SIGHUP}
 * @param generation the generation that answers after this reload
 * @param problems   the files that stop the new knowledge, by file and line; empty when it loaded
 * @param diff       the question sets before and after; empty when the knowledge did not load
 * @param build      the steps' times: load, index, intent model (and whether it was trained)
 * @param gateMs     the time the question sets took, the serving knowledge's (when not known yet) and the new one's
 * @param durationMs the whole reload, from the request to the switch or the refusal
 */
public record ReloadResult(
        String status,
        String trigger,
        Instant startedAt,
        Instant finishedAt,
        int generation,
        List<LoadProblem> problems,
        Optional<QuestionGate.Diff> diff,
        Candidate.Build build,
        long gateMs,
        long durationMs) {
    public static final String SWITCHED = "switched";
    public static final String REFUSED = "refused";

    public boolean switched() {
        return status.equals(SWITCHED);
    }
}
