package nl.wur.cip.helpdesk.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeDocument;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import nl.wur.cip.helpdesk.knowledge.Rules;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.search.Retrieval;
import nl.wur.cip.helpdesk.search.Retriever;
import nl.wur.cip.helpdesk.search.ScoredCard;
import nl.wur.cip.helpdesk.search.ScoredPassage;
import nl.wur.cip.helpdesk.search.Sentence;
import nl.wur.cip.helpdesk.search.Vectors;

/**
 * Answers a question from the knowledge: the office's answer card when one matches, otherwise the sentences
 * of the best passages; then the policy decides whether it is answered, goes to the copyright office, or is
 * off topic.
 */
public final class AnswerService {
    private static final int SNIPPET_CHARS = 600;
    private static final int EXTRACT_SENTENCES = 3;
    private static final int EXTRACT_PASSAGES = 6;

    private final KnowledgeBase knowledge;
    private final Retriever retriever;
    private final LanguageDetector detector;
    private final AnswerPolicy policy;
    private final String escalationAddress;
    private final Map<String, KnowledgeDocument> documents;
    private final Optional<AnswerCache> cache;

    public AnswerService(KnowledgeBase knowledge, Retriever retriever, LanguageDetector detector, AnswerPolicy policy,
                         String escalationAddress) {
        this(knowledge, retriever, detector, policy, escalationAddress, 0);
    }

    /**
     * @param cacheSize how many recent questions keep their answer; the knowledge does not change while the server
     *                  runs, so a repeated question (the page's starters, a class asking the same thing) is answered
     *                  from memory. 0 turns the cache off.
     */
    public AnswerService(KnowledgeBase knowledge, Retriever retriever, LanguageDetector detector, AnswerPolicy policy,
                         String escalationAddress, int cacheSize) {
        this.cache = cacheSize > 0 ? Optional.of(new AnswerCache(cacheSize)) : Optional.empty();
        this.knowledge = knowledge;
        this.retriever = retriever;
        this.detector = detector;
        this.policy = policy;
        this.escalationAddress = escalationAddress;
        this.documents = knowledge.documentsById();
    }

    public Answer ask(String question, Optional<Language> requested) {
        return askWithRetrieval(question, requested).answer();
    }

    /** The answer together with what the retriever found for it, for a composer that rewrites from the same passages. */
    public record Answered(Answer answer, Retrieval retrieval) {
    }

    public Answered askWithRetrieval(String question, Optional<Language> requested) {
        if (cache.isEmpty()) {
            return compute(question, requested);
        }
        String key = requested.map(Language::code).orElse("auto") + "|" + question.strip();
        return cache.get().computeIfAbsent(key, () -> compute(question, requested));
    }

    private Answered compute(String question, Optional<Language> requested) {
        String text = question.strip();
        Language language = requested.orElseGet(() -> detector.detect(text));
        Retrieval retrieval = retriever.search(text, language);
        return new Answered(answer(text, language, retrieval), retrieval);
    }

    private Answer answer(String text, Language language, Retrieval retrieval) {
        Rules rules = knowledge.rules();
        Optional<Rules.EscalationTopic> topic = rules.escalationTopics().stream().filter(t -> t.matches(text)).findFirst();
        // The fused rank (BM25 and vectors) picks the card; confidence only decides whether it is close enough.
        // Measured: choosing by confidence alone picks the wrong one of two near-equal cards more often.
        Optional<ScoredCard> card = retrieval.cards().stream().findFirst();
        double cardConfidence = card.map(c -> cardConfidence(c, language)).orElse(0.0);
        double passageConfidence = retrieval.passages().stream()
                .mapToDouble(p -> policy.confidence(p.cosine(), p.coverage(), language)).max().orElse(0);
        double confidence = Math.max(cardConfidence, passageConfidence);

        boolean onTopic = rules.isOnTopic(text) || topic.isPresent() || confidence >= policy.onTopicAnyway();
        if (!onTopic) {
            return new Answer(rules.offTopicAnswer().getOrDefault(language, ""), Outcome.OFF_TOPIC, language,
                    round(confidence), List.of(), null, List.of(), disclaimer(language), "rules:off_topic");
        }
        if (card.isPresent() && cardConfidence >= policy.cardMatch()) {
            AnswerCard matched = card.get().card();
            boolean escalate = matched.escalate() || topic.isPresent();
            String reason = topic.map(t -> t.reason().get(language))
                    .orElse(matched.escalate() ? matched.escalationReason().get(language) : null);
            return new Answer(matched.answer(language), escalate ? Outcome.ESCALATE : Outcome.ANSWERED, language,
                    round(cardConfidence), cardCitations(matched, language, retrieval), reason,
                    followUps(matched.related().stream().map(id -> knowledge.card(id)).flatMap(Optional::stream).toList(),
                            language), disclaimer(language), "card:" + matched.id());
        }

        Extract extract = extract(retrieval, language);
        List<AnswerCard> suggestions = retrieval.cards().stream().limit(3).map(ScoredCard::card).toList();
        boolean settled = topic.isEmpty() && !extract.citations().isEmpty() && passageConfidence >= policy.answerable();
        if (settled) {
            return new Answer(extract.text(), Outcome.ANSWERED, language, round(passageConfidence), extract.citations(), null,
                    followUps(suggestions, language), disclaimer(language), "extractive");
        }
        String reason = topic.map(t -> t.reason().get(language)).orElse(rules.notSettledReason().get(language));
        String answer = rules.notSettledAnswer().getOrDefault(language, "")
                + (extract.citations().isEmpty() ? "" : "\n\n" + extract.text());
        return new Answer(answer.strip(), Outcome.ESCALATE, language, round(confidence), extract.citations(), reason,
                followUps(suggestions, language), disclaimer(language), "rules:escalate");
    }

    private double cardConfidence(ScoredCard card, Language language) {
        return policy.confidence(card.cosine(), card.coverage(), language);
    }

    private record Extract(String text, List<Citation> citations) {
    }

    private record Chosen(Passage passage, String sentence, double score) {
    }

    private Extract extract(Retrieval retrieval, Language language) {
        List<ScoredPassage> candidates = retrieval.passages().stream().limit(EXTRACT_PASSAGES).toList();
        List<Chosen> chosen = new ArrayList<>();
        for (int rank = 0; rank < candidates.size(); rank++) {
            ScoredPassage candidate = candidates.get(rank);
            Passage passage = candidate.passage();
            // Higher-ranked passages and passages in the reader's language are preferred at equal similarity.
            // A sentence is judged with its passage: a sentence that sounds right inside an off-topic passage
            // (the general exception, say, for a research question) should lose to one from the right passage.
            double context = 0.4 * candidate.cosine() + (passage.language() == language ? 0.05 : 0) - rank * 0.01;
            for (Sentence sentence : retriever.sentencesOf(passage)) {
                if (sentence.text().endsWith("?")) {
                    continue; // a question restated in the sources answers nothing
                }
                chosen.add(new Chosen(passage, sentence.text(),
                        0.6 * Vectors.cosine(retrieval.queryVector(), sentence.vector()) + context));
            }
        }
        chosen.sort(Comparator.comparingDouble(Chosen::score).reversed());
        List<Chosen> picked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Chosen c : chosen) {
            long fromSamePassage = picked.stream().filter(p -> p.passage().id().equals(c.passage().id())).count();
            if (fromSamePassage < 2 && seen.add(c.sentence())) {
                picked.add(c);
            }
            if (picked.size() == EXTRACT_SENTENCES) {
                break;
            }
        }
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder(language == Language.NL ? "Dit zeggen de bronnen hierover:" : "Here is what the sources say:");
        boolean foreign = false;
        for (Chosen c : picked) {
            Integer number = numbers.get(c.passage().documentId());
            if (number == null) {
                number = numbers.size() + 1;
                numbers.put(c.passage().documentId(), number);
                citations.add(citation(c.passage()));
            }
            foreign |= c.passage().language() != language;
            text.append("\n• ").append(c.sentence()).append(" [").append(number).append(']');
        }
        if (foreign && language == Language.NL) {
            text.append("\n(Een deel van deze bronnen is alleen in het Engels beschikbaar.)");
        }
        return new Extract(text.toString(), citations);
    }

    private List<Citation> cardCitations(AnswerCard card, Language language, Retrieval retrieval) {
        Set<String> cited = new LinkedHashSet<>(card.cites());
        List<Citation> citations = new ArrayList<>();
        for (String id : cited) {
            boolean translationCited = language == Language.NL ? cited.contains(id + "-nl")
                    : id.endsWith("-nl") && cited.contains(id.substring(0, id.length() - 3));
            KnowledgeDocument document = documents.get(id);
            if (translationCited || document == null) {
                continue;
            }
            citations.add(citation(bestPassage(document, retrieval)));
        }
        return citations;
    }

    /** The passage of a cited document that is closest to the question, so the snippet shows the relevant part. */
    private Passage bestPassage(KnowledgeDocument document, Retrieval retrieval) {
        return retrieval.passages().stream().map(ScoredPassage::passage)
                .filter(p -> p.documentId().equals(document.id())).findFirst()
                .orElse(document.passages().get(0));
    }

    /** How a passage is cited: its document, reference and a snippet of its text. */
    public static Citation citation(Passage passage) {
        String snippet = passage.text();
        if (snippet.length() > SNIPPET_CHARS) {
            int cut = snippet.lastIndexOf(". ", SNIPPET_CHARS);
            snippet = snippet.substring(0, cut > SNIPPET_CHARS / 2 ? cut + 1 : SNIPPET_CHARS) + " …";
        }
        return new Citation(passage.documentId(), passage.title(), passage.reference(),
                passage.url().isEmpty() ? null : passage.url(), snippet);
    }

    private static List<String> followUps(List<AnswerCard> cards, Language language) {
        return cards.stream().map(c -> c.title(language)).distinct().limit(3).toList();
    }

    public String disclaimer(Language language) {
        return language == Language.NL
                ? "Algemene informatie, geen juridisch advies. Voor je eigen situatie helpt het Copyright Information Point: "
                        + escalationAddress + "."
                : "General guidance, not legal advice. For your own situation, the Copyright Information Point can help: "
                        + escalationAddress + ".";
    }

    private static double round(double value) {
        return Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000.0;
    }
}
