package nl.wur.cip.helpdesk.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything loaded from the knowledge folder: documents, answer cards, extra intents, rules, what could not be read,
 * and the helpdesk's own wording.
 */
public record KnowledgeBase(
        List<KnowledgeDocument> documents,
        List<AnswerCard> cards,
        List<IntentExamples> intents,
        Rules rules,
        List<LoadProblem> problems,
        Messages messages) {
    private static final String DUTCH_SUFFIX = "-nl";

    public Map<String, KnowledgeDocument> documentsById() {
        Map<String, KnowledgeDocument> byId = new LinkedHashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        return byId;
    }

    /**
     * The id of the document's version in {@code language} among {@code ids}, where there is one, else {@code id}: the
     * Dutch version of {@code dsm-art-4} is {@code dsm-art-4-nl}, and the English one of {@code dsm-art-4-nl} is
     * {@code dsm-art-4}.
     */
    public static String versionIn(String id, Language language, Set<String> ids) {
        String wanted = idIn(id, language);
        return ids.contains(wanted) ? wanted : id;
    }

    /** The document in {@code language} where the knowledge has that version (see {@link #versionIn}), else as named. */
    public Optional<KnowledgeDocument> documentIn(String id, Language language) {
        return document(idIn(id, language)).or(() -> document(id));
    }

    /** The id the document's version in {@code language} would have. */
    private static String idIn(String id, Language language) {
        String base = id.endsWith(DUTCH_SUFFIX) ? id.substring(0, id.length() - DUTCH_SUFFIX.length()) : id;
        return language == Language.NL ? base + DUTCH_SUFFIX : base;
    }

    public Optional<KnowledgeDocument> document(String id) {
        return documents.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<AnswerCard> card(String id) {
        return cards.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Passage> passages() {
        return documents.stream().flatMap(d -> d.passages().stream()).toList();
    }

    public Stream<String> allIds() {
        return Stream.concat(
                documents.stream().map(KnowledgeDocument::id), cards.stream().map(AnswerCard::id));
    }
}
