package nl.wur.cip.helpdesk.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Searches the {@link KnowledgeIndex}: hybrid retrieval over the knowledge: BM25 on English- and Dutch-analysed fields plus exact cosine over
 * in-process embeddings, fused by reciprocal rank. Exact cosine beats an approximate KNN index at this size
 * (hundreds of vectors: well under a millisecond) and never misses a neighbour.
 */
public final class Retriever {
    /** The usual reciprocal-rank-fusion constant: damps the influence of any single rank. */
    private static final int RRF_K = 60;

    private static final int CANDIDATES = 50;

    private final KnowledgeIndex index;
    private final TextEmbedder queryEmbedder;
    private final QueryExpansion expansion;
    private final RetrievalMode mode;

    public Retriever(
            KnowledgeIndex index,
            TextEmbedder queryEmbedder,
            Map<String, List<String>> dutchToEnglish,
            RetrievalMode mode) {
        this.index = index;
        this.queryEmbedder = queryEmbedder;
        this.expansion = new QueryExpansion(dutchToEnglish);
        this.mode = mode;
    }

    public Retrieval search(String question, Language language) {
        String queryText = queryText(question, language);
        float[] queryVector = queryEmbedder.embed(queryText);
        Set<String> queryTerms = index.analysis.terms(language, question);
        return new Retrieval(
                question,
                language,
                rankPassages(queryText, question, language, queryVector, queryTerms),
                queryVector,
                queryTerms);
    }

    /** @see QueryExpansion */
    public String queryText(String question, Language language) {
        return expansion.queryText(question, language);
    }

    public List<Sentence> sentencesOf(Passage passage) {
        return index.sentences.getOrDefault(passage.id(), List.of());
    }

    public int passageCount() {
        return index.passageCount();
    }

    private List<ScoredPassage> rankPassages(
            String queryText, String question, Language language, float[] queryVector, Set<String> queryTerms) {
        double[] cosines = new double[index.passages.size()];
        for (int i = 0; i < index.passages.size(); i++) {
            cosines[i] = Vectors.cosine(queryVector, index.passageMatrix, i * index.dimensions);
        }
        // Plain arrays over passage positions: this runs for every question, and boxed maps and sorts were a third of
        // it.
        int count = index.passages.size();
        double[] fused = new double[count];
        boolean[] found = new boolean[count];
        if (mode != RetrievalMode.DENSE) {
            int[] lexical = lexicalRanking(KnowledgeIndex.PASSAGE, queryText, question);
            for (int rank = 0; rank < lexical.length; rank++) {
                fused[lexical[rank]] += 1.0 / (RRF_K + rank + 1);
                found[lexical[rank]] = true;
            }
        }
        if (mode != RetrievalMode.BM25) {
            int[] dense = topByScore(cosines, CANDIDATES);
            for (int rank = 0; rank < dense.length; rank++) {
                fused[dense[rank]] += 1.0 / (RRF_K + rank + 1);
                found[dense[rank]] = true;
            }
        }
        List<ScoredPassage> ranked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (found[i]) {
                ranked.add(new ScoredPassage(
                        index.passages.get(i),
                        fused[i],
                        cosines[i],
                        coverage(queryTerms, index.passageTerms.get(i).get(language))));
            }
        }
        ranked.sort(Comparator.comparingDouble(ScoredPassage::score)
                .reversed()
                .thenComparing(Comparator.comparingDouble(ScoredPassage::cosine).reversed()));
        return List.copyOf(ranked.subList(0, Math.min(CANDIDATES, ranked.size())));
    }

    /** Passage positions ranked by BM25 over both language fields. */
    private int[] lexicalRanking(String kind, String queryText, String question) {
        try {
            return lexicalRanking(kind, queryText, question, false);
        } catch (IndexSearcher.TooManyClauses e) {
            // Past Lucene's 1,024 clauses (counted over both fields together): a question of very many words, or CJK
            // text of one token a character. Only then is it searched by its distinct terms, within half the budget
            // a field, so the questions that fit pay nothing for this.
            return lexicalRanking(kind, queryText, question, true);
        }
    }

    private int[] lexicalRanking(String kind, String queryText, String question, boolean distinctTerms) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        addField(text, TextAnalysis.FIELD_EN, Language.EN, queryText, distinctTerms);
        addField(text, TextAnalysis.FIELD_NL, Language.NL, question, distinctTerms);
        Query query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(KnowledgeIndex.KIND, kind)), BooleanClause.Occur.FILTER)
                .build();
        try {
            ScoreDoc[] hits = index.searcher.search(query, CANDIDATES * 4).scoreDocs;
            int[] ranking = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                ranking[i] = index.refByDoc[hits[i].doc];
            }
            return ranking;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addField(
            BooleanQuery.Builder builder, String field, Language language, String text, boolean distinctTerms) {
        Query query;
        if (distinctTerms) {
            BooleanQuery.Builder terms = new BooleanQuery.Builder();
            index.analysis.terms(language, text).stream()
                    .limit((IndexSearcher.getMaxClauseCount() - 2) / 2)
                    .forEach(t -> terms.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD));
            query = terms.build();
        } else {
            query = new QueryBuilder(index.analysis.forLanguage(language)).createBooleanQuery(field, text);
        }
        if (query != null) {
            builder.add(query, BooleanClause.Occur.SHOULD);
        }
    }

    /** The share of the question's terms that a passage contains. */
    static double coverage(Set<String> queryTerms, Set<String> documentTerms) {
        if (queryTerms.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String term : queryTerms) {
            if (documentTerms.contains(term)) {
                found++;
            }
        }
        return (double) found / queryTerms.size();
    }

    /**
     * The positions of the {@code limit} highest scores, highest first and the lower position first among equals (as
     * a stable sort would give); picking them one by one beats sorting all at a few hundred passages.
     */
    private static int[] topByScore(double[] scores, int limit) {
        int[] top = new int[Math.min(limit, scores.length)];
        boolean[] taken = new boolean[scores.length];
        for (int k = 0; k < top.length; k++) {
            int best = -1;
            for (int i = 0; i < scores.length; i++) {
                if (!taken[i] && (best < 0 || Double.compare(scores[i], scores[best]) > 0)) {
                    best = i;
                }
            }
            taken[best] = true;
            top[k] = best;
        }
        return top;
    }
}
