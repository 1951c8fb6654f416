package nl.wur.cip.helpdesk.search;

import java.util.List;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;

/** What the retriever found for one question, best first. */
public record Retrieval(
        String question,
        Language language,
        List<ScoredPassage> passages,
        float[] queryVector,
        Set<String> queryTerms) {}
