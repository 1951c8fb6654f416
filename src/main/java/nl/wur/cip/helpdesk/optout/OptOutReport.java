package nl.wur.cip.helpdesk.optout;

import java.util.List;
import nl.wur.cip.helpdesk.knowledge.Citation;

/** The answer to {@code POST /api/optout-check}: what the site declares and what it means, in one language. */
public record OptOutReport(
        String url,
        String checkedAt,
        Verdict verdict,
        String summary,
        List<Signal> signals,
        List<String> problems,
        List<Citation> citations,
        String language) {}
