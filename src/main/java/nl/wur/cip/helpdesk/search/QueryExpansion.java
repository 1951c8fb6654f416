package nl.wur.cip.helpdesk.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The text that is embedded and searched for a question: a Dutch question gets the English terms of the office's
 * term list added, since the bundled embedding model knows English far better than Dutch.
 *
 * @param dutchToEnglish in the office's order, which decides the order of the added terms and so the vector
 */
public record QueryExpansion(Map<String, List<String>> dutchToEnglish) {
    public String queryText(String question, Language language) {
        String expansion = englishTerms(question, language);
        return expansion.isEmpty() ? question : question + " " + expansion;
    }

    private String englishTerms(String question, Language language) {
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
}
