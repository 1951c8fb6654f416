package nl.wur.cip.helpdesk.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.guard.BoundedLru;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.IntentExamples;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeDocument;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Message;
import nl.wur.cip.helpdesk.knowledge.Passage;
import nl.wur.cip.helpdesk.knowledge.Rules;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.search.Retrieval;
import nl.wur.cip.helpdesk.search.Retriever;
import nl.wur.cip.helpdesk.search.ScoredPassage;
import nl.wur.cip.helpdesk.search.Sentence;
import nl.wur.cip.helpdesk.search.Vectors;
import nl.wur.cip.helpdesk.understanding.FollowUps;
import nl.wur.cip.helpdesk.understanding.IntentGuess;
import nl.wur.cip.helpdesk.understanding.QuestionUnderstanding;
import nl.wur.cip.helpdesk.understanding.Understanding;

/**
 * Answers a question from the knowledge: the office's answer card for each intent the question clearly holds;
 * a question it is not sure of, or one outside its knowledge, goes to the copyright office with what the sources
 * say; a question about something else is off topic.
 */
public final class AnswerService {
    private static final int EXTRACT_SENTENCES = 3;
    private static final int EXTRACT_PASSAGES = 6;
    /** A question is answered in at most this many parts; more usually means the parts were not clear. */
    private static final int MAX_PARTS = 3;

    private final KnowledgeBase knowledge;
    private final Retriever retriever;
    private final QuestionUnderstanding understanding;
    private final LanguageDetector detector;
    private final AnswerPolicy policy;
    private final String escalationAddress;
    private final Map<String, KnowledgeDocument> documents;
    private final Optional<BoundedLru<String, Answered>> cache;

    /**
     * @param cacheSize how many recent questions keep their answer; the knowledge does not change while the server
     *                  runs, so a repeated question (the page's starters, a class asking the same thing) is answered
     *                  from memory. 0 turns the cache off.
     */
    public AnswerService(
            KnowledgeBase knowledge,
            Retriever retriever,
            QuestionUnderstanding understanding,
            LanguageDetector detector,
            AnswerPolicy policy,
            String escalationAddress,
            int cacheSize) {
        this.understanding = understanding;
        this.cache = cacheSize > 0 ? Optional.of(new BoundedLru<>(cacheSize)) : Optional.empty();
        this.knowledge = knowledge;
        this.retriever = retriever;
        this.detector = detector;
        this.policy = policy;
        this.escalationAddress = escalationAddress;
        this.documents = knowledge.documentsById();
    }

    public Answer ask(String question, Optional<Language> requested) {
        return askWithRetrieval(question, requested, Optional.empty()).answer();
    }

    /**
     * The answer together with what the retriever found for it, for a composer that rewrites from the same passages,
     * and the question as it was understood: for a follow-up, written together with the question before it.
     */
    public record Answered(Answer answer, Retrieval retrieval, String understoodAs) {}

    /**
     * Answers the question; with the previous question of the conversation, a follow-up that leans on it ("And which
     * article says so?") is understood together with it, while a question that stands on its own is answered alone.
     */
    public Answered askWithRetrieval(String question, Optional<Language> requested, Optional<String> previous) {
        Answered alone = cached(question, requested);
        Optional<String> before = previous.map(String::strip).filter(p -> !p.isEmpty() && !p.equals(question.strip()));
        if (before.isEmpty()) {
            return alone;
        }
        // A question understood on its own keeps its own answer unless it clearly leans on the previous one ("which
        // article says so?", "and on a poster?"): opening with "and" is not enough, the previous topic would pull back
        // "What about publishing the model?" after a question on training one. One not understood alone needs less.
        boolean leans = understoodAlone(alone.answer())
                ? FollowUps.leansOnPrevious(question)
                : FollowUps.mayLeanOnPrevious(question);
        if (!leans) {
            return alone;
        }
        // The follow-up's own language, not the mix of the two questions.
        Answered inContext = cached(
                FollowUps.combined(before.get(), question),
                Optional.of(alone.answer().language()));
        if (inContext.answer().outcome() == Outcome.OFF_TOPIC) {
            return alone;
        }
        return new Answered(
                inContext.answer().withSource("context " + inContext.answer().source()),
                inContext.retrieval(),
                inContext.understoodAs());
    }

    /** A card, an intent of the office's or a rule chose this answer: not the unsure fallback, not off topic. */
    private static boolean understoodAlone(Answer answer) {
        return answer.outcome() != Outcome.OFF_TOPIC && !answer.source().startsWith("intent:unsure");
    }

    private Answered cached(String question, Optional<Language> requested) {
        if (cache.isEmpty()) {
            return compute(question, requested);
        }
        String key = requested.map(Language::code).orElse("auto") + "|" + question.strip();
        return cache.get().getOrCompute(key, () -> compute(question, requested));
    }

    private Answered compute(String question, Optional<Language> requested) {
        String text = question.strip();
        Language language = requested.orElseGet(() -> detector.detect(text));
        Retrieval retrieval = retriever.search(text, language);
        return new Answered(answer(text, language, retrieval), retrieval, text);
    }

    private Answer answer(String text, Language language, Retrieval retrieval) {
        Rules rules = knowledge.rules();
        Understanding understood = understanding.understand(text, language, retrieval.queryVector());
        // The rules file overrides the model: a topic the office always wants to see goes to the office, and so does a
        // question in which one of the office's intents is likely, even when it is not the most likely one.
        Optional<Rules.EscalationTopic> forcedTopic =
                rules.escalationTopics().stream().filter(t -> t.matches(text)).findFirst();
        Optional<IntentGuess> officeIntent = officeIntent(understood, rules);
        Optional<AnswerCard> officeCard = forcedTopic
                .flatMap(Rules.EscalationTopic::card)
                .flatMap(knowledge::card)
                .or(() -> officeIntent.flatMap(g -> understanding.card(g.intent())));
        Optional<String> forcedReason = forcedTopic
                .map(t -> t.reason().get(language))
                .or(() -> officeIntent
                        .flatMap(g -> understanding.extra(g.intent()))
                        .map(e -> e.reason().get(language)))
                .or(() -> officeCard
                        .filter(AnswerCard::escalate)
                        .map(c -> c.escalationReason().get(language)));
        String forcedSource = forcedTopic
                .map(t -> "rules:" + t.id())
                .or(() -> officeIntent.map(g -> "office:" + g.intent()))
                .orElse(null);
        IntentGuess top = understood.top();
        double passageConfidence = retrieval.passages().stream()
                .mapToDouble(p -> policy.confidence(p.cosine(), p.coverage(), language))
                .max()
                .orElse(0);
        Optional<AnswerCard> sibling = runnerUpAlsoAsked(understood);
        boolean sure = top.probability() >= policy.cardProbability()
                && (understood.margin() >= policy.cardMargin() || sibling.isPresent());

        Optional<IntentExamples> extra = understanding.extra(top.intent());
        boolean offTopic = extra.map(e -> !e.escalates()).orElse(false);
        if (offTopic
                && forcedReason.isEmpty()
                && !rules.isOnTopic(text)
                && top.probability() >= policy.offTopicProbability()) {
            return new Answer(
                    rules.offTopicAnswer().getOrDefault(language, ""),
                    Outcome.OFF_TOPIC,
                    language,
                    policy.reportedConfidence(top.probability()),
                    top.probability(),
                    List.of(),
                    null,
                    List.of(),
                    disclaimer(language),
                    "intent:" + top.intent());
        }
        Optional<AnswerCard> card = understanding.card(top.intent());
        if (card.isPresent() && sure) {
            List<AnswerCard> cards = cardsAsked(card.get(), understood);
            if (sibling.isPresent() && !cards.contains(sibling.get()) && cards.size() < MAX_PARTS) {
                cards = new ArrayList<>(cards);
                cards.add(1, sibling.get());
            }
            if (officeCard.isPresent() && !cards.contains(officeCard.get())) {
                // What the office must see is said first: for a claim, "do not reply or pay, send it to the CIP".
                cards = new ArrayList<>(cards.subList(0, Math.min(MAX_PARTS - 1, cards.size())));
                cards.add(0, officeCard.get());
            }
            Answer answer =
                    fromCards(cards, language, retrieval, top.probability(), forcedReason, unsupportedPart(understood));
            return forcedSource == null ? answer : answer.withSource(forcedSource + " " + answer.source());
        }
        if (card.isPresent() && forcedReason.isEmpty() && passageConfidence >= policy.answerFromPassages()) {
            Extract extract = extract(retrieval, language);
            if (!extract.citations().isEmpty()) {
                return new Answer(
                        extract.text(),
                        Outcome.ANSWERED,
                        language,
                        policy.reportedConfidence(top.probability()),
                        top.probability(),
                        extract.citations(),
                        null,
                        suggestions(understood, language),
                        disclaimer(language),
                        "extractive");
            }
        }
        String reason = forcedReason
                .or(() -> extra.filter(IntentExamples::escalates)
                        .map(e -> e.reason().get(language)))
                .orElse(rules.notSettledReason().get(language));
        String answer = rules.notSettledAnswer().getOrDefault(language, "");
        List<Citation> citations = List.of();
        String source = forcedSource != null ? forcedSource : "intent:" + (extra.isPresent() ? top.intent() : "unsure");
        // Unsure is not empty-handed: the closest topic's approved answer, presented as such, often is what was asked;
        // with a claim or contract in it, the office's card comes first and the closest topic after it.
        List<AnswerCard> closest = Stream.concat(
                        officeCard.stream(),
                        understood.guesses().stream()
                                .filter(g -> g.probability() >= policy.pointToClosest())
                                .map(g -> understanding.card(g.intent()))
                                .flatMap(Optional::stream)
                                .limit(1))
                .distinct()
                .filter(c -> rules.closestTopicIntro().containsKey(language))
                .toList();
        if (!closest.isEmpty()) {
            for (AnswerCard c : closest) {
                answer = answer + "\n\n"
                        + rules.closestTopicIntro().get(language).replace("{title}", c.title(language)) + "\n"
                        + c.answer(language);
                source = source + " closest:" + c.id();
            }
            citations = cardCitations(closest, language, retrieval);
        } else if (passageConfidence >= policy.quoteSources()) {
            Extract extract = extract(retrieval, language);
            answer = answer + (extract.citations().isEmpty() ? "" : "\n\n" + extract.text());
            citations = extract.citations();
        }
        return new Answer(
                answer.strip(),
                Outcome.ESCALATE,
                language,
                policy.reportedConfidence(top.probability()),
                top.probability(),
                citations,
                reason,
                suggestions(understood, language),
                disclaimer(language),
                source);
    }

    /**
     * The runner-up's card when it is about as likely as the top intent's and the question asks for both: the two
     * cards are neighbours (the question sits between two neighbouring answers of the office), or the question's
     * parts ask them one by one (one part clearly holds the runner-up, another part something else: "How do I
     * license my data? And does the licence cover the personal data in it?"). Then both are given rather than
     * neither. The outside-knowledge and off-topic intents have no card, so they never count.
     */
    private Optional<AnswerCard> runnerUpAlsoAsked(Understanding understood) {
        if (understood.guesses().size() < 2 || understood.margin() >= policy.cardMargin()) {
            return Optional.empty();
        }
        String top = understood.top().intent();
        String runnerUp = understood.guesses().get(1).intent();
        Optional<AnswerCard> first = understanding.card(top);
        Optional<AnswerCard> second = understanding.card(runnerUp);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        boolean askedInParts = understood.parts().stream()
                        .anyMatch(p ->
                                p.top().intent().equals(runnerUp) && p.top().probability() >= policy.partProbability())
                && understood.parts().stream().anyMatch(p -> !p.top().intent().equals(runnerUp));
        return first.get().neighbours(second.get()) || askedInParts ? second : Optional.empty();
    }

    /** The most likely of the office's intents in the question or any of its parts, when it is likely enough. */
    private Optional<IntentGuess> officeIntent(Understanding understood, Rules rules) {
        if (rules.officeIntents().isEmpty()) {
            return Optional.empty();
        }
        Stream<IntentGuess> guesses = Stream.concat(
                understood.guesses().stream(), understood.parts().stream().flatMap(p -> p.guesses().stream()));
        return guesses.filter(g -> g.probability() >= policy.officeProbability()
                        && rules.officeIntents().contains(g.intent()))
                .max(Comparator.comparingDouble(IntentGuess::probability));
    }

    /**
     * The card of the whole question, and the cards of its other parts in the order they were asked, when a
     * longer question asks several things and a part's own intent is clear.
     */
    private List<AnswerCard> cardsAsked(AnswerCard main, Understanding understood) {
        List<AnswerCard> asked = new ArrayList<>();
        for (Understanding.Part part : understood.parts()) {
            if (part.top().probability() < policy.partProbability()) {
                continue;
            }
            understanding
                    .card(part.top().intent())
                    .filter(c -> !asked.contains(c))
                    .ifPresent(asked::add);
        }
        if (!asked.contains(main)) {
            asked.add(0, main);
        }
        return List.copyOf(asked.subList(0, Math.min(MAX_PARTS, asked.size())));
    }

    /**
     * Whether a part of a longer question asks something no card answers with confidence (or that is outside the
     * knowledge): then the parts that are known are answered and the whole goes to the office.
     */
    private boolean unsupportedPart(Understanding understood) {
        return understood.parts().stream()
                .filter(p -> p.text().endsWith("?"))
                .anyMatch(p -> p.top().probability() < policy.cardProbability()
                        || understanding
                                .extra(p.top().intent())
                                .map(IntentExamples::escalates)
                                .orElse(false));
    }

    private Answer fromCards(
            List<AnswerCard> cards,
            Language language,
            Retrieval retrieval,
            double probability,
            Optional<String> forcedReason,
            boolean unsupportedPart) {
        AnswerCard first = cards.get(0);
        boolean escalate =
                forcedReason.isPresent() || unsupportedPart || cards.stream().anyMatch(AnswerCard::escalate);
        String reason = forcedReason.orElse(cards.stream()
                .filter(AnswerCard::escalate)
                .findFirst()
                .map(c -> c.escalationReason().get(language))
                .orElse(unsupportedPart ? knowledge.rules().notSettledReason().get(language) : null));
        String answer;
        if (cards.size() == 1) {
            answer = first.answer(language);
        } else {
            StringBuilder parts = new StringBuilder();
            for (AnswerCard card : cards) {
                parts.append(parts.length() == 0 ? "" : "\n\n")
                        .append(card.title(language))
                        .append('\n')
                        .append(card.answer(language));
            }
            answer = parts.toString();
        }
        List<Citation> citations = cardCitations(cards, language, retrieval);
        List<AnswerCard> related = cards.stream()
                .flatMap(c -> c.related().stream())
                .distinct()
                .map(knowledge::card)
                .flatMap(Optional::stream)
                .filter(c -> !cards.contains(c))
                .toList();
        String source = cards.stream().map(c -> "card:" + c.id()).collect(java.util.stream.Collectors.joining(" "));
        return new Answer(
                answer,
                escalate ? Outcome.ESCALATE : Outcome.ANSWERED,
                language,
                policy.reportedConfidence(probability),
                probability,
                citations,
                reason,
                followUps(related, language),
                disclaimer(language),
                source);
    }

    /** The cards the question came closest to, offered as follow-ups when the helpdesk is not sure. */
    private List<String> suggestions(Understanding understood, Language language) {
        return understood.guesses().stream()
                .limit(4)
                .map(g -> understanding.card(g.intent()))
                .flatMap(Optional::stream)
                .map(c -> c.title(language))
                .limit(3)
                .toList();
    }

    private record Extract(String text, List<Citation> citations) {}

    private record Chosen(Passage passage, String sentence, double score) {}

    private Extract extract(Retrieval retrieval, Language language) {
        List<ScoredPassage> candidates =
                retrieval.passages().stream().limit(EXTRACT_PASSAGES).toList();
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
                chosen.add(new Chosen(
                        passage,
                        sentence.text(),
                        0.6 * Vectors.cosine(retrieval.queryVector(), sentence.vector()) + context));
            }
        }
        chosen.sort(Comparator.comparingDouble(Chosen::score).reversed());
        List<Chosen> picked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Chosen c : chosen) {
            long fromSamePassage = picked.stream()
                    .filter(p -> p.passage().id().equals(c.passage().id()))
                    .count();
            if (fromSamePassage < 2 && seen.add(c.sentence())) {
                picked.add(c);
            }
            if (picked.size() == EXTRACT_SENTENCES) {
                break;
            }
        }
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder(knowledge.messages().text(Message.ANSWER_SOURCES_INTRO, language));
        boolean foreign = false;
        for (Chosen c : picked) {
            Integer number = numbers.get(c.passage().documentId());
            if (number == null) {
                number = numbers.size() + 1;
                numbers.put(c.passage().documentId(), number);
                citations.add(Citation.of(c.passage()));
            }
            foreign |= c.passage().language() != language;
            text.append("\n• ").append(c.sentence()).append(" [").append(number).append(']');
        }
        if (foreign && language == Language.NL) {
            text.append('\n').append(knowledge.messages().text(Message.ANSWER_PARTLY_ENGLISH, language));
        }
        return new Extract(text.toString(), citations);
    }

    /** The sources of several cards, each document once, in the cards' order. */
    private List<Citation> cardCitations(List<AnswerCard> cards, Language language, Retrieval retrieval) {
        List<Citation> citations = new ArrayList<>();
        Set<String> cited = new LinkedHashSet<>();
        for (AnswerCard card : cards) {
            for (Citation citation : cardCitations(card, language, retrieval)) {
                if (cited.add(citation.id())) {
                    citations.add(citation);
                }
            }
        }
        return citations;
    }

    private List<Citation> cardCitations(AnswerCard card, Language language, Retrieval retrieval) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : card.cites()) {
            chosen.add(KnowledgeBase.versionIn(id, language, documents.keySet()));
        }
        List<Citation> citations = new ArrayList<>();
        for (String id : chosen) {
            KnowledgeDocument document = documents.get(id);
            if (document != null) {
                citations.add(Citation.of(bestPassage(document, retrieval)));
            }
        }
        return citations;
    }

    /** The passage of a cited document that is closest to the question, so the snippet shows the relevant part. */
    private Passage bestPassage(KnowledgeDocument document, Retrieval retrieval) {
        return retrieval.passages().stream()
                .map(ScoredPassage::passage)
                .filter(p -> p.documentId().equals(document.id()))
                .findFirst()
                .orElse(document.passages().get(0));
    }

    private static List<String> followUps(List<AnswerCard> cards, Language language) {
        return cards.stream().map(c -> c.title(language)).distinct().limit(3).toList();
    }

    public String disclaimer(Language language) {
        return knowledge.messages().text(Message.ANSWER_DISCLAIMER, language, "office", escalationAddress);
    }
}
