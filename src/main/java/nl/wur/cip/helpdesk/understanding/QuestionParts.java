package nl.wur.cip.helpdesk.understanding;

import java.util.ArrayList;
import java.util.List;

/** Splits a long question into the sentences that may each ask something, so every part can be answered. */
final class QuestionParts {
    /** A part needs this many words to hold a question of its own ("And NL?" does not). */
    private static final int MIN_WORDS = 5;

    private QuestionParts() {
    }

    static List<String> split(String question) {
        List<String> parts = new ArrayList<>();
        // End of a sentence: ?, ! or a full stop that is not an abbreviation (art., e.g., nr.), then a space.
        for (String piece : question.split("(?<=[?!;])\\s+|(?<=[.])(?<!\\b(?:art|Art|nr|no|No|lid|e\\.g|i\\.e|cf|p|bijv|o\\.a|z\\.g\\.a|ca|vs))\\s+(?=\\p{Lu})|\\n+")) {
            String part = piece.strip();
            if (!part.isEmpty() && QuestionFeatures.words(part).size() >= MIN_WORDS) {
                parts.add(part);
            }
        }
        return parts;
    }
}
