package nl.wur.cip.helpdesk.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.search.SentenceSplitter;

/** Splits a long question into the sentences that may each ask something, so every part can be answered. */
final class QuestionParts {
    /** A part needs this many words to hold a question of its own ("And NL?" does not). */
    static final int MIN_WORDS = 5;

    /**
     * Where one sentence joins a second question to the first: "and" or "en" followed by a question word or a
     * verb that opens a question ("…, and who owns the answers?", "… en mag ik ze delen?").
     */
    private static final Pattern JOINED_QUESTION = Pattern.compile(
            ",?\\s+(?:and also|and|also|en ook|en|ook)\\s+(?=(?:who|what|which|how|when|where|why|whether|may|can|could"
                    + "|should|must|do|does|is|are|will|would|wie|wat|welke|hoe|wanneer|waar|waarom|mag|kan|kun|kunnen"
                    + "|moet|moeten|geldt|zijn|heb|ben|wordt)\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A capitalised word inside a sentence: the name of a tool, publisher or platform ("ChatGPT", "Elsevier"). */
    private static final Pattern NAME = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}]+");

    /** A pronoun that leaves its subject to the part before ("who owns what it writes?", "mag ik ze delen?"). */
    private static final Pattern BACK_REFERENCE = Pattern.compile(
            "\\b(?:it|its|they|them|their|hij|zij|ze|hem|hun|ermee|ervan|erop|daarmee|daarvan)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** At most this many names are carried over: the subject, not the whole story before it. */
    private static final int MAX_NAMES = 3;

    private QuestionParts() {}

    static List<String> split(String question) {
        List<String> parts = new ArrayList<>();
        // A question mark, ! or ; ends a part even before a lower-case letter (questions are often typed that way);
        // a full stop only as the sentence splitter sees it, so "art. 15n" or "e.g." does not cut a part.
        for (String piece : question.split("(?<=[?!;])\\s+|\\n+")) {
            for (String sentence : SentenceSplitter.SENTENCE_END.split(piece)) {
                for (String clause : joinedQuestions(sentence.strip())) {
                    if (QuestionFeatures.words(clause).size() >= MIN_WORDS) {
                        parts.add(clause);
                    }
                }
            }
        }
        return parts;
    }

    /**
     * The part as it is understood: one that refers back with a pronoun gets the names the part before it mentions
     * and it leaves out, so "…ChatGPT…, and who owns the answers it gives me?" is read as asking about ChatGPT.
     */
    static String withNamesReferredTo(String part, String before) {
        if (!BACK_REFERENCE.matcher(part).find()) {
            return part;
        }
        List<String> words = QuestionFeatures.words(part);
        List<String> names = new ArrayList<>();
        Matcher name = NAME.matcher(before);
        while (name.find() && names.size() < MAX_NAMES) {
            String found = name.group();
            if (!names.contains(found) && !words.containsAll(QuestionFeatures.words(found))) {
                names.add(found);
            }
        }
        return names.isEmpty() ? part : part + " " + String.join(" ", names);
    }

    /**
     * The sentence cut where it joins another question, only where both sides are long enough to ask something; the
     * first question keeps the sentence's question mark, so it is read as the question it is.
     */
    private static List<String> joinedQuestions(String sentence) {
        List<String> clauses = new ArrayList<>();
        String mark = sentence.endsWith("?") ? "?" : "";
        Matcher joint = JOINED_QUESTION.matcher(sentence);
        int start = 0;
        while (joint.find()) {
            String before = sentence.substring(start, joint.start()).strip();
            String after = sentence.substring(joint.end()).strip();
            if (QuestionFeatures.words(before).size() >= MIN_WORDS
                    && QuestionFeatures.words(after).size() >= MIN_WORDS) {
                clauses.add(before.replaceAll("[,;:]$", "") + mark);
                start = joint.end();
            }
        }
        clauses.add(sentence.substring(start).strip());
        return clauses;
    }
}
