package nl.wur.cip.helpdesk.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * A content gap written as a draft answer card in the format of {@code knowledge/faq/*.md}: the gap's questions as its
 * variants by their logged language, the closest card's sources and id, and only a note where the two answers go. The
 * loader refuses a card whose answers are only a note, so a draft is never served before the office writes them.
 */
public final class CardDraft {
    static final String ID_PREFIX = "faq-draft-";

    private CardDraft() {}

    /** {@code gap-1a2b…} becomes {@code faq-draft-1a2b…}: stable while the gap grows, as the gap's id is. */
    public static String cardId(String gapId) {
        String stem = gapId.startsWith("gap-") ? gapId.substring(4) : gapId;
        return ID_PREFIX + stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    public static String fileName(String gapId) {
        return cardId(gapId) + ".md";
    }

    /**
     * The draft's Markdown.
     *
     * @param closest the card nearest the gap, if the knowledge has one: its sources and id are proposed
     */
    public static String markdown(ContentGaps.Gap gap, Optional<AnswerCard> closest, LocalDate today) {
        Map<Language, List<String>> questions = questionsByLanguage(gap.questions());
        StringBuilder md = new StringBuilder("---\n");
        md.append("# Draft from content gap ")
                .append(gap.id())
                .append(" (")
                .append(gap.size())
                .append(" questions). Write both answers, check the titles, sources and questions,\n")
                .append("# then move this file into knowledge/faq/ and reload the knowledge.\n");
        md.append("id: ").append(cardId(gap.id())).append('\n');
        title(md, "title", typical(gap, Language.EN, questions), "the question in English");
        title(md, "title_nl", typical(gap, Language.NL, questions), "de vraag in het Nederlands");
        md.append("outcome: answered\n");
        List<String> cites = closest.map(AnswerCard::cites).orElse(List.of());
        md.append("cites: [").append(String.join(", ", cites)).append("]");
        md.append(
                closest.isPresent()
                        ? "  # the sources of " + closest.get().id()
                                + ", the closest card: keep only those this answer rests on\n"
                        : "  # TODO: the ids of the guidance and law this answer rests on\n");
        md.append("related: [").append(closest.map(AnswerCard::id).orElse("")).append("]\n");
        md.append("updated: ").append(today).append('\n');
        md.append("questions:\n");
        for (Language language : Language.values()) {
            List<String> list = questions.get(language);
            md.append("  ").append(language.code()).append(':');
            if (list.isEmpty()) {
                md.append(" []  # TODO: at least two phrasings\n");
                continue;
            }
            md.append('\n');
            list.forEach(q -> md.append("    - ").append(yamlString(q)).append('\n'));
        }
        md.append("---\n\n");
        md.append("## English\n")
                .append("<!-- TODO: the answer in English, with the official reference of every rule it restates."
                        + " Until it is written the card is refused when the knowledge loads. -->\n\n");
        md.append("## Nederlands\n")
                .append("<!-- TODO: het antwoord in het Nederlands, met de officiële vindplaats van elke regel die het"
                        + " noemt. Zolang het ontbreekt, weigert de helpdesk de kaart bij het laden. -->\n");
        return md.toString();
    }

    /** The title a draft proposes: the gap's most typical question in that language (nearest its centre), if any. */
    private static Optional<String> typical(
            ContentGaps.Gap gap, Language language, Map<Language, List<String>> questions) {
        return gap.examples().stream()
                .filter(e -> Language.fromCode(e.language()).orElse(Language.EN) == language)
                .map(e -> e.question().strip().replaceAll("\\s+", " "))
                .filter(q -> !q.isEmpty())
                .findFirst()
                .or(() -> questions.get(language).stream().findFirst());
    }

    private static void title(StringBuilder md, String field, Optional<String> question, String todo) {
        md.append(field).append(": ");
        if (question.isEmpty()) {
            md.append("\"\"  # TODO: ").append(todo).append('\n');
        } else {
            md.append(yamlString(question.get())).append("  # TODO: check; the gap's most typical question\n");
        }
    }

    /** Each question once (ignoring case and spacing), in the gap's order, under its logged language. */
    static Map<Language, List<String>> questionsByLanguage(List<ContentGaps.Example> examples) {
        Map<Language, List<String>> byLanguage = new EnumMap<>(Language.class);
        Map<Language, Set<String>> seen = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            byLanguage.put(language, new ArrayList<>());
            seen.put(language, new LinkedHashSet<>());
        }
        for (ContentGaps.Example e : examples) {
            String question = e.question().strip().replaceAll("\\s+", " ");
            Language language = Language.fromCode(e.language()).orElse(Language.EN);
            if (!question.isEmpty() && seen.get(language).add(question.toLowerCase(Locale.ROOT))) {
                byLanguage.get(language).add(question);
            }
        }
        byLanguage.replaceAll((language, list) -> List.copyOf(list));
        return byLanguage;
    }

    /**
     * A YAML double-quoted scalar: whatever a researcher typed (quotes, a colon, '#', a backslash, a control character)
     * reads back as the same text.
     */
    static String yamlString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        quoted.append(String.format("\\u%04X", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
