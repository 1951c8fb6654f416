package nl.wur.cip.helpdesk.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Builds what retrieval searches, once per start: the Lucene index of passages (English- and Dutch-analysed
 * fields) and the embeddings of passages and their sentences (card questions are the understanding's). Searching it is
 * {@link Retriever}'s job, as Lucene's own demo keeps indexing and searching apart.
 */
public final class KnowledgeIndex implements AutoCloseable {
    static final String KIND = "kind";
    static final String REF = "ref";
    static final String PASSAGE = "passage";

    final TextAnalysis analysis;
    final Directory directory;
    final DirectoryReader reader;
    final IndexSearcher searcher;
    /** Lucene document number to the passage position it holds. */
    final int[] refByDoc;

    final List<Passage> passages;
    /** The passages' vectors one after another, {@link #dimensions} floats each. */
    final float[] passageMatrix;

    final int dimensions;
    final List<Map<Language, Set<String>>> passageTerms = new ArrayList<>();
    final Map<String, List<Sentence>> sentences = new HashMap<>();

    public KnowledgeIndex(KnowledgeBase knowledge, TextAnalysis analysis, VectorCache vectors) {
        this.analysis = analysis;
        this.passages = knowledge.passages();

        List<String> passageTexts =
                passages.stream().map(KnowledgeIndex::searchableText).toList();
        List<List<String>> sentenceTexts =
                passages.stream().map(p -> SentenceSplitter.split(p.text())).toList();
        List<String> all = new ArrayList<>(passageTexts);
        sentenceTexts.forEach(all::addAll);
        List<float[]> allVectors = vectors.vectors(all);

        dimensions = allVectors.isEmpty() ? 0 : allVectors.get(0).length;
        passageMatrix = new float[passages.size() * dimensions];
        for (int i = 0; i < passages.size(); i++) {
            System.arraycopy(allVectors.get(i), 0, passageMatrix, i * dimensions, dimensions);
        }
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
        try {
            // Rebuilt at every start from the knowledge, and a few hundred passages: a folder on disk would only add
            // fsyncs.
            directory = new ByteBuffersDirectory();
            IndexWriterConfig config =
                    new IndexWriterConfig(analysis.perField()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < passages.size(); i++) {
                    writer.addDocument(document(PASSAGE, String.valueOf(i), passageTexts.get(i)));
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
            throw new UncheckedIOException("cannot build the search index", e);
        }
    }

    public int passageCount() {
        return passages.size();
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
