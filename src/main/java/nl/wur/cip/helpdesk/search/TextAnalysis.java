package nl.wur.cip.helpdesk.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The English and Dutch analysers shared by indexing and querying, so both see the same terms. */
public final class TextAnalysis implements AutoCloseable {
    static final String FIELD_EN = "en";
    static final String FIELD_NL = "nl";

    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer dutch = new DutchAnalyzer();
    private final Analyzer perField =
            new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(FIELD_EN, english, FIELD_NL, dutch));

    Analyzer perField() {
        return perField;
    }

    Analyzer forLanguage(Language language) {
        return language == Language.NL ? dutch : english;
    }

    static String field(Language language) {
        return language == Language.NL ? FIELD_NL : FIELD_EN;
    }

    /** The distinct stemmed content terms of a text, stop words removed. */
    public Set<String> terms(Language language, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = forLanguage(language).tokenStream(field(language), text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() {
        perField.close();
        english.close();
        dutch.close();
    }
}
