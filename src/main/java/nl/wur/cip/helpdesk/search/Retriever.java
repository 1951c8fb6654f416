package nl.wur.cip.helpdesk.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;

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

    public Retriever(KnowledgeIndex index, TextEmbedder queryEmbedder, Map<String, List<String>> dutchToEnglish,
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
        return new Retrieval(question, language, rankPassages(queryText, question, language, queryVector, queryTerms),
                queryVector, queryTerms);
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

    private List<ScoredPassage> rankPassages(String queryText, String question, Language language, float[] queryVector,
                                             Set<String> queryTerms) {
        double[] cosines = new double[index.passages.size()];
        for (int i = 0; i < index.passages.size(); i++) {
            cosines[i] = Vectors.cosine(queryVector, index.passageVectors[i]);
        }
        Map<Integer, Double> fused = new HashMap<>();
        if (mode != RetrievalMode.DENSE) {
            List<Integer> lexical = lexicalRanking(KnowledgeIndex.PASSAGE, queryText, question);
            for (int rank = 0; rank < lexical.size(); rank++) {
                fused.merge(lexical.get(rank), 1.0 / (RRF_K + rank + 1), Double::sum);
            }
        }
        if (mode != RetrievalMode.BM25) {
            List<Integer> dense = topByScore(cosines, CANDIDATES);
            for (int rank = 0; rank < dense.size(); rank++) {
                fused.merge(dense.get(rank), 1.0 / (RRF_K + rank + 1), Double::sum);
            }
        }
        List<ScoredPassage> ranked = new ArrayList<>();
        fused.forEach((i, score) -> ranked.add(new ScoredPassage(index.passages.get(i), score, cosines[i],
                coverage(queryTerms, index.passageTerms.get(i).get(language)))));
        ranked.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparing(Comparator.comparingDouble(ScoredPassage::cosine).reversed()));
        return List.copyOf(ranked.subList(0, Math.min(CANDIDATES, ranked.size())));
    }

    /** Passage positions ranked by BM25 over both language fields. */
    private List<Integer> lexicalRanking(String kind, String queryText, String question) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        addField(text, TextAnalysis.FIELD_EN, Language.EN, queryText);
        addField(text, TextAnalysis.FIELD_NL, Language.NL, question);
        Query query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(KnowledgeIndex.KIND, kind)), BooleanClause.Occur.FILTER)
                .build();
        List<Integer> ranking = new ArrayList<>();
        try {
            for (ScoreDoc hit : index.searcher.search(query, CANDIDATES * 4).scoreDocs) {
                ranking.add(index.refByDoc[hit.doc]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranking;
    }

    private void addField(BooleanQuery.Builder builder, String field, Language language, String text) {
        Query query;
        try {
            query = new QueryBuilder(index.analysis.forLanguage(language)).createBooleanQuery(field, text);
        } catch (IndexSearcher.TooManyClauses e) {
            // A long question plus its Dutch term expansion can exceed Lucene's 1,024 clauses: search its distinct
            // terms instead, as many as Lucene allows.
            BooleanQuery.Builder terms = new BooleanQuery.Builder();
            index.analysis.terms(language, text).stream().limit(IndexSearcher.getMaxClauseCount())
                    .forEach(t -> terms.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD));
            query = terms.build();
        }
        if (query != null) {
            builder.add(query, BooleanClause.Occur.SHOULD);
        }
    }

    /** English search terms for the Dutch words of a question, from the office's term list. */
    static double coverage(Set<String> queryTerms, Set<String> documentTerms) {
        if (queryTerms.isEmpty()) {
            return 0;
        }
        long found = queryTerms.stream().filter(documentTerms::contains).count();
        return (double) found / queryTerms.size();
    }

    private static List<Integer> topByScore(double[] scores, int limit) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order.subList(0, Math.min(limit, order.size()));
    }
}
