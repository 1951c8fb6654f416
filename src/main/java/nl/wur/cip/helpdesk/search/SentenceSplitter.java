package nl.wur.cip.helpdesk.search;

import java.util.ArrayList;
import java.util.List;

/** Splits passage text into sentences and list items, the units an extractive answer quotes. */
public final class SentenceSplitter {
    private static final int MIN_LENGTH = 25;

    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        for (String block : text.split("\n")) {
            String line = block.strip();
            if (line.startsWith("• ")) {
                line = line.substring(2).strip();
            }
            // A full stop ends a sentence unless it belongs to an abbreviation such as "Art." or "(EU)".
            for (String sentence : line.split("(?<=[.!?])(?<!\\b(?:Art|art|No|no|e\\.g|i\\.e|etc|Reg|Dir|lid|nr|bijv))\\s+(?=[\\p{Lu}0-9\"'(])")) {
                String s = sentence.strip();
                if (s.length() >= MIN_LENGTH) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }
}
