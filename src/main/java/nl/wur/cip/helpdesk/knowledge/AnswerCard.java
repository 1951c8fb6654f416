package nl.wur.cip.helpdesk.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The copyright office's approved answer to one question, in both languages, with the sources it rests on. */
public record AnswerCard(
        String id,
        Map<Language, String> title,
        boolean escalate,
        Map<Language, String> escalationReason,
        List<String> cites,
        List<String> related,
        Map<Language, List<String>> questions,
        Map<Language, String> answer,
        String path) {

    public String title(Language language) {
        return title.get(language);
    }

    public String answer(Language language) {
        return answer.get(language);
    }

    /** Cards citing at least this share of the same sources (Jaccard) answer the same legal question. */
    private static final double SHARED_SOURCES = 0.75;

    /**
     * Whether the two cards are neighbours: one names the other as related, or they rest on mostly the same sources
     * (mining news sites and scraping websites for research both rest on Art. 3 DSM / Art. 15n Aw and lawful access).
     * A question that sits between two neighbours is answered by either.
     */
    public boolean neighbours(AnswerCard other) {
        if (related.contains(other.id()) || other.related().contains(id)) {
            return true;
        }
        Set<String> union = new HashSet<>(cites);
        union.addAll(other.cites());
        Set<String> shared = new HashSet<>(cites);
        shared.retainAll(other.cites());
        return !union.isEmpty() && (double) shared.size() / union.size() >= SHARED_SOURCES;
    }
}
