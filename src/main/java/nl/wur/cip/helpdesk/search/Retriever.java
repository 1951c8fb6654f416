package nl.wur.cip.helpdesk.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;

/**
 * Hybrid retrieval over the knowledge: BM25 on English- and Dutch-analysed fields plus exact cosine over
 * in-process embeddings, fused by reciprocal rank. Exact cosine beats an approximate KNN index at this size
 * (hundreds of vectors: well under a millisecond) and never misses a neighbour.
 */
public final class Retriever implements AutoCloseable {
    private static final String KIND = "kind";
    private static final String REF = "ref";
    private static final String PASSAGE = "passage";
    private static final String QUESTION = "question";
    /** The usual reciprocal-rank-fusion constant: damps the influence of any single rank. */
    private static final int RRF_K = 60;
    private static final int CANDIDATES = 50;

    private final TextAnalysis analysis;
    private final TextEmbedder queryEmbedder;
    private final Map<String, List<String>> dutchToEnglish;
    private final RetrievalMode mode;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    /** Lucene document number to the passage or variant position it holds. */
    private final int[] refByDoc;

    private final List<Passage> passages;
    private final float[][] passageVectors;
    private final List<Map<Language, Set<String>>> passageTerms = new ArrayList<>();
    private final Map<String, List<Sentence>> sentences = new HashMap<>();

    private final List<Variant> variants = new ArrayList<>();
    private final Map<String, AnswerCard> cardsById = new HashMap<>();

    /** One phrasing of an answer card's question. */
    private record Variant(AnswerCard card, Language language, String text, float[] vector, Set<String> terms) {
    }

    public Retriever(KnowledgeBase knowledge, TextAnalysis analysis, TextEmbedder queryEmbedder, VectorCache vectors,
                     Path indexDir, RetrievalMode mode) {
        this.analysis = analysis;
        this.queryEmbedder = queryEmbedder;
        this.dutchToEnglish = knowledge.rules().dutchToEnglish();
        this.mode = mode;
        this.passages = knowledge.passages();

        List<String> passageTexts = passages.stream().map(Retriever::searchableText).toList();
        List<List<String>> sentenceTexts = passages.stream().map(p -> SentenceSplitter.split(p.text())).toList();
        List<String> variantTexts = new ArrayList<>();
        List<Object[]> variantOwners = new ArrayList<>();
        for (AnswerCard card : knowledge.cards()) {
            cardsById.put(card.id(), card);
            for (Language language : Language.values()) {
                for (String question : withTitle(card, language)) {
                    variantTexts.add(question);
                    variantOwners.add(new Object[]{card, language});
                }
            }
        }
        List<String> all = new ArrayList<>(passageTexts);
        sentenceTexts.forEach(all::addAll);
        all.addAll(variantTexts);
        List<float[]> allVectors = vectors.vectors(all);

        passageVectors = allVectors.subList(0, passages.size()).toArray(float[][]::new);
        int at = passages.size();
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            List<Sentence> list = new ArrayList<>();
            for (String sentence : sentenceTexts.get(i)) {
                list.add(new Sentence(sentence, allVectors.get(at++)));
            }
            sentences.put(passage.id(), List.copyOf(list));
            Map<Language, Set<String>> terms = new HashMap<>();
            for (Language language : Language.values()) {
                terms.put(language, analysis.terms(language, passageTexts.get(i)));
            }
            passageTerms.add(terms);
        }
        for (int i = 0; i < variantTexts.size(); i++) {
            AnswerCard card = (AnswerCard) variantOwners.get(i)[0];
            Language language = (Language) variantOwners.get(i)[1];
            variants.add(new Variant(card, language, variantTexts.get(i), allVectors.get(at++),
                    analysis.terms(language, variantTexts.get(i))));
        }

        try {
            directory = FSDirectory.open(indexDir);
            IndexWriterConfig config = new IndexWriterConfig(analysis.perField()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < passages.size(); i++) {
                    writer.addDocument(document(PASSAGE, String.valueOf(i), passageTexts.get(i)));
                }
                for (int i = 0; i < variants.size(); i++) {
                    writer.addDocument(document(QUESTION, String.valueOf(i), variants.get(i).text()));
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            // Each hit's position is read once here: reading stored fields per hit was most of a search's time.
            refByDoc = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < refByDoc.length; doc++) {
                refByDoc[doc] = Integer.parseInt(stored.document(doc).get(REF));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the search index in " + indexDir, e);
        }
    }

    public Retrieval search(String question, Language language) {
        String queryText = queryText(question, language);
        float[] queryVector = queryEmbedder.embed(queryText);
        Set<String> queryTerms = analysis.terms(language, question);
        return new Retrieval(question, language, rankPassages(queryText, question, language, queryVector, queryTerms),
                rankCards(queryText, question, language, queryVector, queryTerms), queryVector, queryTerms);
    }

    /**
     * The text that is embedded and searched for a question: a Dutch question gets the English terms of the office's
     * term list added, since the bundled embedding model knows English far better than Dutch.
     */
    public String queryText(String question, Language language) {
        String expansion = englishExpansion(question, language);
        return expansion.isEmpty() ? question : question + " " + expansion;
    }

    public List<Sentence> sentencesOf(Passage passage) {
        return sentences.getOrDefault(passage.id(), List.of());
    }

    public int passageCount() {
        return passages.size();
    }

    public int variantCount() {
        return variants.size();
    }

    private List<ScoredPassage> rankPassages(String queryText, String question, Language language, float[] queryVector,
                                             Set<String> queryTerms) {
        double[] cosines = new double[passages.size()];
        for (int i = 0; i < passages.size(); i++) {
            cosines[i] = Vectors.cosine(queryVector, passageVectors[i]);
        }
        Map<Integer, Double> fused = new HashMap<>();
        if (mode != RetrievalMode.DENSE) {
            List<Integer> lexical = lexicalRanking(PASSAGE, queryText, question);
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
        fused.forEach((i, score) -> ranked.add(new ScoredPassage(passages.get(i), score, cosines[i],
                coverage(queryTerms, passageTerms.get(i).get(language)))));
        ranked.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparing(Comparator.comparingDouble(ScoredPassage::cosine).reversed()));
        return List.copyOf(ranked.subList(0, Math.min(CANDIDATES, ranked.size())));
    }

    private List<ScoredCard> rankCards(String queryText, String question, Language language, float[] queryVector,
                                       Set<String> queryTerms) {
        Map<String, double[]> best = new HashMap<>(); // card id -> {cosine, coverage, fused}
        Map<String, String> matched = new HashMap<>();
        for (Variant variant : variants) {
            double cosine = Vectors.cosine(queryVector, variant.vector());
            double[] scores = best.computeIfAbsent(variant.card().id(), id -> new double[3]);
            if (cosine > scores[0]) {
                scores[0] = cosine;
                matched.put(variant.card().id(), variant.text());
            }
            if (variant.language() == language) {
                scores[1] = Math.max(scores[1], coverage(queryTerms, variant.terms()));
            }
        }
        Map<String, Integer> lexicalRank = new HashMap<>();
        List<Integer> lexical = lexicalRanking(QUESTION, queryText, question);
        for (int rank = 0; rank < lexical.size(); rank++) {
            lexicalRank.putIfAbsent(variants.get(lexical.get(rank)).card().id(), lexicalRank.size());
        }
        List<String> byCosine = best.keySet().stream()
                .sorted(Comparator.comparingDouble((String id) -> best.get(id)[0]).reversed()).toList();
        for (int rank = 0; rank < byCosine.size(); rank++) {
            String id = byCosine.get(rank);
            double score = 1.0 / (RRF_K + rank + 1);
            Integer lexicalPosition = lexicalRank.get(id);
            if (lexicalPosition != null) {
                score += 1.0 / (RRF_K + lexicalPosition + 1);
            }
            best.get(id)[2] = score;
        }
        List<ScoredCard> ranked = new ArrayList<>();
        best.forEach((id, s) -> ranked.add(new ScoredCard(cardsById.get(id), s[2], s[0], s[1], matched.get(id))));
        ranked.sort(Comparator.comparingDouble(ScoredCard::score).reversed());
        return List.copyOf(ranked.subList(0, Math.min(10, ranked.size())));
    }

    /** Positions (passage or variant index) ranked by BM25 over both language fields. */
    private List<Integer> lexicalRanking(String kind, String queryText, String question) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        addField(text, TextAnalysis.FIELD_EN, Language.EN, queryText);
        addField(text, TextAnalysis.FIELD_NL, Language.NL, question);
        Query query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(KIND, kind)), BooleanClause.Occur.FILTER)
                .build();
        List<Integer> ranking = new ArrayList<>();
        try {
            for (ScoreDoc hit : searcher.search(query, CANDIDATES * 4).scoreDocs) {
                ranking.add(refByDoc[hit.doc]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranking;
    }

    private void addField(BooleanQuery.Builder builder, String field, Language language, String text) {
        Query query = new QueryBuilder(analysis.forLanguage(language)).createBooleanQuery(field, text);
        if (query != null) {
            builder.add(query, BooleanClause.Occur.SHOULD);
        }
    }

    /** English search terms for the Dutch words of a question, from the office's term list. */
    private String englishExpansion(String question, Language language) {
        if (language != Language.NL || dutchToEnglish.isEmpty()) {
            return "";
        }
        Set<String> extra = new LinkedHashSet<>();
        for (String word : question.toLowerCase(Locale.ROOT).split("[^\\p{L}0-9-]+")) {
            dutchToEnglish.forEach((dutch, english) -> {
                if (!word.isEmpty() && word.contains(dutch)) {
                    extra.addAll(english);
                }
            });
        }
        return String.join(" ", extra);
    }

    private static Document document(String kind, String ref, String text) {
        Document document = new Document();
        document.add(new StringField(KIND, kind, Field.Store.NO));
        document.add(new StringField(REF, ref, Field.Store.YES));
        document.add(new TextField(TextAnalysis.FIELD_EN, text, Field.Store.NO));
        document.add(new TextField(TextAnalysis.FIELD_NL, text, Field.Store.NO));
        return document;
    }

    private static String searchableText(Passage passage) {
        return passage.title() + ". " + (passage.section().isEmpty() ? "" : passage.section() + ". ") + passage.text();
    }

    private static List<String> withTitle(AnswerCard card, Language language) {
        List<String> texts = new ArrayList<>(card.questions().get(language));
        texts.add(card.title(language));
        return texts;
    }

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

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
