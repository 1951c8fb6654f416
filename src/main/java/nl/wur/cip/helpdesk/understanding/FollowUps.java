package nl.wur.cip.helpdesk.understanding;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a question leans on the one asked before it ("And which article says so?", "Geldt dat ook voor een
 * bedrijf?"), and the two written as one question, so the previous question's topic is understood with it.
 */
public final class FollowUps {
    /** Opening words that continue the previous question, in English and Dutch. */
    private static final Pattern CONTINUES = Pattern.compile(
            "^(and|but|or|so|also|then|what about|how about|what if|"
                    + "does (that|this)|is (that|this)|do (they|those|these)|are (they|those|these)|"
                    + "en|maar|of|dus|ook|wat als|hoe zit het met|en als|geldt (dat|dit|die|het)|is (dat|dit)|mag (dat|dit))\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    /**
     * Words that point back beyond doubt: "says so", "daarover", or a closing "that?" ("Which article says that?").
     * Not a "that" or "die" inside the question, which is as often a relative pronoun ("a photo that I found").
     */
    private static final Pattern POINTS_BACK_SURELY = Pattern.compile(
            "\\b(says? so|the same|hetzelfde|dezelfde|daarover|"
                    + "daarvoor|daarbij|daarvan|daarmee|ervan|hiervoor)\\b|\\b(that|this|it|those|these|dat|dit|die|het)\\s*\\?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Words that point back to something said before, or may: enough for a question not understood alone. */
    private static final Pattern POINTS_BACK = Pattern.compile(
            "\\b(that|this|those|these|there|says so|the same|"
                    + "dat|dit|die|daar|daarvoor|daarbij|daarvan|daarover|ervan|hiervoor|hetzelfde|dezelfde)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Words that may point back, or be a mere "it" as in "is it allowed to …". */
    private static final Pattern MAY_POINT_BACK = Pattern.compile(
            "\\b(it|they|them|its|their|het|ze|zij|hun)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Longer questions carry their own topic. */
    private static final int MAX_WORDS = 14;

    private FollowUps() {}

    /**
     * Pointing back beyond doubt ("And which article says so?"), or continuing in fewer words than a question of its
     * own needs ("And on a poster?"): the previous topic comes along even when the question alone found a card.
     */
    public static boolean leansOnPrevious(String question) {
        int words = words(question);
        return words <= MAX_WORDS && POINTS_BACK_SURELY.matcher(question).find()
                || words < QuestionParts.MIN_WORDS
                        && CONTINUES.matcher(question.strip()).matches();
    }

    /**
     * Short and continuing ("And PhD candidates?"), pointing back, or perhaps pointing back: reason enough to read a
     * question with the previous topic when it is not understood alone.
     */
    public static boolean mayLeanOnPrevious(String question) {
        return words(question) <= MAX_WORDS
                && (CONTINUES.matcher(question.strip()).matches()
                        || POINTS_BACK.matcher(question).find()
                        || MAY_POINT_BACK.matcher(question).find());
    }

    /**
     * The previous question and the follow-up as one sentence: without the previous question's end mark, so that
     * the parts splitter keeps them together and reads the follow-up with its topic.
     */
    public static String combined(String previous, String followUp) {
        String before = previous.strip().replaceAll("[?!.;\\s]+$", "");
        String after = followUp.strip();
        if (!after.isEmpty()) {
            after = after.substring(0, 1).toLowerCase(Locale.ROOT) + after.substring(1);
        }
        return before + ", " + after;
    }

    private static int words(String text) {
        return QuestionFeatures.words(text).size();
    }
}
