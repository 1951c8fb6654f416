package nl.wur.cip.helpdesk.eval;

import java.util.List;
import java.util.regex.Pattern;

/** One line of a question set (format: README, "Question sets"). */
public record EvalQuestion(String id, String lang, String topic, String question, String expect,
                           List<List<Pattern>> must, List<Pattern> cite, List<Pattern> mustNot) {

    public boolean expectsAnswer() {
        return expect.equals("answer") || expect.equals("either");
    }
}
