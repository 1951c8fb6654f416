package nl.wur.cip.helpdesk.knowledge;

import java.util.List;
import java.util.Map;

/**
 * An intent that is not an answer card: what the helpdesk must recognise and not answer itself (copyright
 * questions outside its knowledge go to the office, questions about something else are off topic), learned
 * from its example questions in {@code knowledge/intents/}.
 *
 * @param outcome {@code escalate} or {@code off_topic}
 * @param reason  why a person should look (escalate only; empty otherwise)
 */
public record IntentExamples(
        String id, String outcome, Map<Language, String> reason, Map<Language, List<String>> questions, String path) {
    public static final String ESCALATE = "escalate";
    public static final String OFF_TOPIC = "off_topic";

    public boolean escalates() {
        return ESCALATE.equals(outcome);
    }
}
