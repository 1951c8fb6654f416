package nl.wur.cip.helpdesk.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The office's tunable rules from {@code knowledge/rules/}: what is in scope, which topics and intents always go to
 * a human, the fixed replies, and the Dutch-to-English search terms.
 *
 * @param officeIntents intents (card ids or {@code knowledge/intents/} ids) the office wants to see whenever they are
 *                      likely in a question or in any part of it, even when another intent is more likely
 */
public record Rules(
        List<Pattern> onTopic,
        List<EscalationTopic> escalationTopics,
        Map<Language, String> offTopicAnswer,
        Map<Language, String> notSettledAnswer,
        Map<Language, String> notSettledReason,
        Map<Language, String> closestTopicIntro,
        List<String> officeIntents,
        Map<String, List<String>> dutchToEnglish) {

    /**
     * A topic that always goes to the copyright office, recognised by any of its patterns; {@code card} is the answer
     * card shown with it (its general rules), when the office names one.
     */
    public record EscalationTopic(
            String id, List<Pattern> patterns, Map<Language, String> reason, Optional<String> card) {
        public boolean matches(String question) {
            return patterns.stream().anyMatch(p -> p.matcher(question).find());
        }
    }

    public boolean isOnTopic(String question) {
        return onTopic.stream().anyMatch(p -> p.matcher(question).find());
    }
}
