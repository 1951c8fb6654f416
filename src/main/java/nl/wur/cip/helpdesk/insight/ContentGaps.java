package nl.wur.cip.helpdesk.insight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.search.QueryExpansion;
import nl.wur.cip.helpdesk.search.TextEmbedder;
import nl.wur.cip.helpdesk.search.VectorCache;
import nl.wur.cip.helpdesk.search.Vectors;

/**
 * What the knowledge lacks: the questions the helpdesk did not answer itself (sent to the office, most of them because
 * no card was sure enough, or judged off topic), embedded with the model that answers and grouped by meaning
 * ({@link GapClustering}), each group with its size, this week against last, three typical questions and the card
 * closest to it. The questions' vectors are kept in memory only, never in the data folder's vector cache: the log's
 * retention must delete a question everywhere.
 */
public final class ContentGaps {
    /**
     * Average cosine similarity at which questions count as one topic. Chosen so that ten rewordings of one question
     * stay one gap while unrelated questions stay apart (InsightApiTest). Measured on the shipped cards' own variants
     * (GapClusteringTest prints the sweep 0.40–0.75): in English, pairwise precision rises from 0.12 to 0.61 and recall
     * falls from 0.16 to 0.01; at 0.55 it is 0.26 / 0.05, as the cards' topics lie close together for this model. For
     * Dutch the bundled English model separates topics poorly (precision 0.05 at 0.55): Dutch gaps are coarse.
     */
    public static final double THRESHOLD = 0.55;
    /** The newest questions of the period that are clustered: 1,000 keep it under a second on one core. */
    static final int MOST_QUESTIONS = 1000;

    private static final int EXAMPLES = 3;

    private final UnansweredLog log;
    private final TextEmbedder embedder;
    private final QueryExpansion expansion;
    private final List<CardVector> cards;
    private final Clock clock;
    private Map<String, float[]> questionVectors = new HashMap<>();

    /** A card and the direction of its question variants and titles. */
    private record CardVector(AnswerCard card, float[] vector) {}

    /** @param cardVectors the vectors the intent model was trained on: the cards' variants are found there, not embedded */
    public ContentGaps(
            UnansweredLog log,
            KnowledgeBase knowledge,
            VectorCache cardVectors,
            TextEmbedder embedder,
            QueryExpansion expansion,
            Clock clock) {
        this.log = log;
        this.embedder = embedder;
        this.expansion = expansion;
        this.clock = clock;
        List<CardVector> list = new ArrayList<>();
        for (AnswerCard card : knowledge.cards()) {
            List<String> texts = new ArrayList<>();
            for (Language language : Language.values()) {
                card.questions()
                        .getOrDefault(language, List.of())
                        .forEach(q -> texts.add(expansion.queryText(q, language)));
                texts.add(expansion.queryText(card.title(language), language));
            }
            List<float[]> vectors = cardVectors.vectors(texts);
            list.add(new CardVector(
                    card,
                    GapClustering.centroid(
                            vectors, IntStream.range(0, vectors.size()).toArray())));
        }
        this.cards = List.copyOf(list);
    }

    /** One logged question as a gap shows it. */
    public record Example(String question, String language, Instant askedAt, double confidence) {}

    /** The card nearest a gap, and how near (cosine of the gap's centre and the card's variants). */
    public record ClosestCard(String id, String titleEn, String titleNl, double similarity) {}

    /**
     * One group of alike questions.
     *
     * @param thisWeek asked in the last 7 days; {@code lastWeek} the 7 days before
     * @param questions every member, newest first (what a drafted card would take as its variants)
     */
    public record Gap(
            String id,
            int size,
            int thisWeek,
            int lastWeek,
            Map<String, Integer> languages,
            List<Example> examples,
            Optional<ClosestCard> closestCard,
            List<Example> questions) {}

    /** A card of the knowledge these gaps were found in. */
    public Optional<AnswerCard> card(String id) {
        return cards.stream()
                .map(CardVector::card)
                .filter(c -> c.id().equals(id))
                .findFirst();
    }

    /** The gaps of a period, largest first; questions alike to no other are counted, not listed. */
    public record Report(Instant from, Instant to, double threshold, int questions, int alone, List<Gap> gaps) {}

    /** The gaps among the questions logged in the last {@code days} days. */
    public synchronized Report report(int days) {
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        List<UnansweredLog.Entry> entries = log.between(from, to, MOST_QUESTIONS);
        List<float[]> vectors = vectors(entries);
        List<int[]> clusters = GapClustering.cluster(vectors, THRESHOLD);
        List<Gap> gaps = new ArrayList<>();
        int alone = 0;
        Instant weekAgo = to.minus(Duration.ofDays(7));
        Instant twoWeeksAgo = to.minus(Duration.ofDays(14));
        for (int[] members : clusters) {
            if (members.length < 2) {
                alone++;
                continue;
            }
            float[] centre = GapClustering.centroid(vectors, members);
            Map<String, Integer> languages = new LinkedHashMap<>();
            int thisWeek = 0;
            int lastWeek = 0;
            for (int m : members) {
                UnansweredLog.Entry e = entries.get(m);
                languages.merge(e.language(), 1, Integer::sum);
                if (!e.askedAt().isBefore(weekAgo)) {
                    thisWeek++;
                } else if (!e.askedAt().isBefore(twoWeeksAgo)) {
                    lastWeek++;
                }
            }
            // The typical questions: the members nearest the centre, distinct in wording.
            List<Integer> byCloseness = IntStream.of(members)
                    .boxed()
                    .sorted(Comparator.<Integer>comparingDouble(m -> -Vectors.cosine(centre, vectors.get(m)))
                            .thenComparingInt(m -> m))
                    .toList();
            List<Example> examples = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int m : byCloseness) {
                if (examples.size() < EXAMPLES
                        && seen.add(entries.get(m).question().strip().toLowerCase(java.util.Locale.ROOT))) {
                    examples.add(example(entries.get(m)));
                }
            }
            List<Example> all = IntStream.of(members)
                    .boxed()
                    .sorted(Comparator.reverseOrder())
                    .map(m -> example(entries.get(m)))
                    .toList();
            gaps.add(new Gap(id(all), members.length, thisWeek, lastWeek, languages, examples, closest(centre), all));
        }
        return new Report(from, to, THRESHOLD, entries.size(), alone, gaps);
    }

    private static Example example(UnansweredLog.Entry e) {
        return new Example(e.question(), e.language(), e.askedAt(), e.confidence());
    }

    /** A gap's id follows its oldest question, so it stays the same while the gap grows (for the page's links). */
    private static String id(List<Example> newestFirst) {
        Example oldest = newestFirst.get(newestFirst.size() - 1);
        return "gap-" + sha256(oldest.askedAt() + "|" + oldest.question()).substring(0, 12);
    }

    private Optional<ClosestCard> closest(float[] centre) {
        return cards.stream()
                .max(Comparator.comparingDouble(c -> Vectors.cosine(centre, c.vector())))
                .map(c -> new ClosestCard(
                        c.card().id(),
                        c.card().title(Language.EN),
                        c.card().title(Language.NL),
                        Math.round(Vectors.cosine(centre, c.vector()) * 1000) / 1000.0));
    }

    /** Embeds what was not embedded by the last report; forgets the vectors of questions no longer in the log. */
    private List<float[]> vectors(List<UnansweredLog.Entry> entries) {
        Map<String, float[]> kept = new HashMap<>();
        List<String> keys = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>(); // key to text
        for (UnansweredLog.Entry e : entries) {
            Language language = Language.fromCode(e.language()).orElse(Language.EN);
            String text = expansion.queryText(e.question(), language);
            String key = sha256(text);
            keys.add(key);
            float[] known = questionVectors.get(key);
            if (known != null) {
                kept.put(key, known);
            } else {
                missing.putIfAbsent(key, text);
            }
        }
        if (!missing.isEmpty()) {
            List<String> missingKeys = List.copyOf(missing.keySet());
            List<float[]> fresh = embedder.embedAll(List.copyOf(missing.values()));
            for (int i = 0; i < fresh.size(); i++) {
                kept.put(missingKeys.get(i), fresh.get(i));
            }
        }
        questionVectors = kept;
        return keys.stream().map(kept::get).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
