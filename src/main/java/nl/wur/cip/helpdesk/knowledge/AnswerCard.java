package nl.wur.cip.helpdesk.knowledge;

import java.util.List;
import java.util.Map;

/** The copyright office's approved answer to one question, in both languages, with the sources it rests on. */
public record AnswerCard(
        String id,
        Map<Language, String> title,
        boolean escalate,
        Map<Language, String> escalationReason,
        List<String> cites,
        List<String> related,
        Map<Language, List<String>> questions,
        Map<Language, String> answer,
        String path) {

    public String title(Language language) {
        return title.get(language);
    }

    public String answer(Language language) {
        return answer.get(language);
    }
}
