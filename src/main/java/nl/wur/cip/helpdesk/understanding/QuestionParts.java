package nl.wur.cip.helpdesk.understanding;

import java.util.ArrayList;
import java.util.List;
import nl.wur.cip.helpdesk.search.SentenceSplitter;

/** Splits a long question into the sentences that may each ask something, so every part can be answered. */
final class QuestionParts {
    /** A part needs this many words to hold a question of its own ("And NL?" does not). */
    static final int MIN_WORDS = 5;

    private QuestionParts() {}

    static List<String> split(String question) {
        List<String> parts = new ArrayList<>();
        // A question mark, ! or ; ends a part even before a lower-case letter (questions are often typed that way);
        // a full stop only as the sentence splitter sees it, so "art. 15n" or "e.g." does not cut a part.
        for (String piece : question.split("(?<=[?!;])\\s+|\\n+")) {
            for (String sentence : SentenceSplitter.SENTENCE_END.split(piece)) {
                String part = sentence.strip();
                if (QuestionFeatures.words(part).size() >= MIN_WORDS) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }
}
