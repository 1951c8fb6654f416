package nl.wur.cip.helpdesk.eval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a question set (format: README, "Question sets").
 *
 * @param answerTextOnly a real question (it names its {@code src}): its checks read the answer text alone, not the
 *                       citations, as a researcher reads the answer
 */
public record EvalQuestion(
        String id,
        String lang,
        String topic,
        String question,
        String expect,
        List<List<Pattern>> must,
        List<Pattern> cite,
        List<Pattern> mustNot,
        boolean answerTextOnly) {

    public boolean expectsAnswer() {
        return expect.equals("answer") || expect.equals("either");
    }
}
