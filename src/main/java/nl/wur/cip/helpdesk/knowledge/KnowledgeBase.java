package nl.wur.cip.helpdesk.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Everything loaded from the knowledge folder: documents, answer cards, extra intents, rules and what could not be read. */
public record KnowledgeBase(List<KnowledgeDocument> documents, List<AnswerCard> cards, List<IntentExamples> intents,
                            Rules rules, List<LoadProblem> problems) {

    public Map<String, KnowledgeDocument> documentsById() {
        Map<String, KnowledgeDocument> byId = new LinkedHashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        return byId;
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
        return Stream.concat(documents.stream().map(KnowledgeDocument::id), cards.stream().map(AnswerCard::id));
    }
}
