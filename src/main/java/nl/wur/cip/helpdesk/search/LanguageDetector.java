package nl.wur.cip.helpdesk.search;

import java.util.Locale;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;

/** Tells Dutch from English by their common function words; questions are short, so this is enough. */
public final class LanguageDetector {
    private static final Set<String> DUTCH = Set.of(
            "de",
            "het",
            "een",
            "ik",
            "mag",
            "mijn",
            "van",
            "en",
            "voor",
            "wat",
            "welk",
            "welke",
            "wie",
            "hoe",
            "kan",
            "niet",
            "met",
            "om",
            "te",
            "op",
            "bij",
            "zijn",
            "dat",
            "die",
            "er",
            "ook",
            "als",
            "maar",
            "aan",
            "naar",
            "wordt",
            "worden",
            "moet",
            "mogen",
            "je",
            "jij",
            "u",
            "onze",
            "ons",
            "wij",
            "we",
            "over",
            "volgens",
            "gaat",
            "waar",
            "wanneer",
            "waarom",
            "mij",
            "zij",
            "hun",
            "heb",
            "hebben",
            "is",
            "of",
            "nog",
            "al",
            "dan",
            "zo",
            "geen",
            "wel",
            "deze",
            "dit",
            "kunnen",
            "moeten",
            "wet",
            "artikel",
            "toegestaan");
    private static final Set<String> ENGLISH = Set.of(
            "the", "a", "an", "i", "my", "of", "and", "for", "what", "which", "who", "how", "can", "not", "with", "to",
            "on", "at", "are", "that", "this", "it", "do", "does", "may", "be", "from", "about", "when", "where", "why",
            "should", "must", "our", "we", "they", "their", "you", "your", "have", "has", "allowed", "will", "would",
            "could", "there", "if", "or", "me", "am", "law", "article");

    public Language detect(String text) {
        int dutch = 0;
        int english = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (DUTCH.contains(word)) {
                dutch++;
            }
            if (ENGLISH.contains(word)) {
                english++;
            }
        }
        return dutch > english ? Language.NL : Language.EN;
    }
}
