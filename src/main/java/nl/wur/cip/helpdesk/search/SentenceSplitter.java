package nl.wur.cip.helpdesk.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits passage text into sentences and list items, the units an extractive answer quotes. */
public final class SentenceSplitter {
    private static final int MIN_LENGTH = 25;
    /**
     * A full stop, ! or ? followed by a space and a capital, digit, quote or bracket ends a sentence, unless the full
     * stop belongs to a legal or common abbreviation in English or Dutch (art., lid, nr., p., cf., e.g., i.e., o.a.,
     * bijv., vgl., Stb., ...). Lookbehind needs a bounded length, hence the explicit list.
     */
    public static final Pattern SENTENCE_END = Pattern.compile(
            "(?<=[.!?])(?<!\\b(?:Art|art|Arts|arts|No|no|Nr|nr|lid|p|pp|cf|vgl|Stb|stb|jo|resp|bijv|ca|vs|etc|Reg|Dir|e\\.g|i\\.e|o\\.a|z\\.g|m\\.b\\.t|t\\.a\\.v)\\.)"
                    + "\\s+(?=[\\p{Lu}0-9\"'(])");

    private SentenceSplitter() {}

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        for (String block : text.split("\n")) {
            String line = block.strip();
            if (line.startsWith("• ")) {
                line = line.substring(2).strip();
            }
            // A full stop ends a sentence unless it belongs to an abbreviation such as "Art." or "(EU)".
            for (String sentence : SENTENCE_END.split(line)) {
                String s = sentence.strip();
                if (s.length() >= MIN_LENGTH) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }
}
