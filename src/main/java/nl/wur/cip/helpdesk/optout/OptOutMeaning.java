package nl.wur.cip.helpdesk.optout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeDocument;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Message;
import nl.wur.cip.helpdesk.knowledge.Messages;
import nl.wur.cip.helpdesk.knowledge.Passage;

/**
 * Puts findings into plain words, in English or Dutch (the wording is in knowledge/messages.yml), with the
 * knowledge documents they rest on. Every legal
 * statement here is one the cited documents make: a reservation binds the general exception (DSM Art. 4(3),
 * Aw 15o), not the research exception (DSM Art. 3, Aw 15n), which has no opt-out; the LAION appeal held a
 * natural-language reservation in terms of use not machine-readable; the CIP asks researchers to respect
 * rightholders' terms such as not overloading servers.
 */
public final class OptOutMeaning {
    /** A cited document and the section heading (English or Dutch) whose passage to quote. */
    private record Source(String id, List<String> sectionHints) {}

    private static final List<Source> SOURCES = List.of(
            new Source("dsm-art-4", List.of("4(3)", "lid 3")),
            new Source("aw-art-15o", List.of("reservation", "voorbehoud")),
            new Source("dsm-art-3", List.of("no opt-out", "geen opt-out")),
            new Source("aw-art-15n", List.of("no opt-out", "geen opt-out")),
            new Source("optout-machine-readable", List.of("binds the general", "geldt voor de algemene")),
            new Source("case-laion-2025", List.of("natural-language", "gewone taal")),
            new Source("cip-2021-training-ai", List.of("terms set by right holders")));

    private final KnowledgeBase knowledge;

    public OptOutMeaning(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    public OptOutReport report(Findings f, Language language) {
        return new OptOutReport(
                f.url(),
                f.checkedAt(),
                f.verdict(),
                summary(f, language),
                f.signals(),
                f.problems(),
                citations(language),
                language.code());
    }

    /** The plain-words meaning of the findings, in the wording of the messages file. */
    public String summary(Findings f, Language language) {
        Messages messages = knowledge.messages();
        List<String> parts = new ArrayList<>();
        parts.add(
                switch (f.verdict()) {
                    case RESERVED -> messages.text(Message.OPTOUT_RESERVED, language, "what", what(f, language));
                    case PARTLY -> messages.text(Message.OPTOUT_PARTLY, language, "what", what(f, language));
                    case NONE_FOUND -> messages.text(Message.OPTOUT_NONE_FOUND, language);
                    case UNREACHABLE ->
                        messages.text(
                                Message.OPTOUT_UNREACHABLE, language, "problems", String.join("; ", f.problems()));
                });
        parts.add(messages.text(Message.OPTOUT_RESEARCH_EXCEPTION, language));
        parts.add(messages.text(Message.OPTOUT_RESPECT_TERMS, language));
        return String.join(" ", parts);
    }

    /** The reserving signals in a few words: where they were found and for which crawlers. */
    private String what(Findings f, Language language) {
        Messages messages = knowledge.messages();
        List<String> items = new ArrayList<>();
        List<String> agents = f.signals().stream()
                .filter(Signal::reserves)
                .map(Signal::agent)
                .filter(Objects::nonNull)
                .filter(a -> !a.equals("*"))
                .distinct()
                .limit(6)
                .toList();
        if (!agents.isEmpty()) {
            items.add(messages.text(Message.OPTOUT_ROBOTS_BLOCKS, language, "agents", String.join(", ", agents)));
        }
        f.signals().stream()
                .filter(s -> s.reserves() || s.rule().contains("other paths"))
                .filter(s -> s.agent() == null || s.agent().equals("*"))
                .map(s -> s.source().equals("robots.txt")
                        ? messages.text(Message.OPTOUT_ROBOTS_ALL, language)
                        : s.source().equals("html-meta")
                                ? messages.text(Message.OPTOUT_HTML_META, language)
                                : s.source().equals("http-header") ? "HTTP header" : s.source())
                .distinct()
                .forEach(items::add);
        return items.isEmpty() ? messages.text(Message.OPTOUT_SEE_SIGNALS, language) : String.join("; ", items);
    }

    /** The documents the summary rests on, in Dutch where a Dutch version exists, each with its most fitting passage. */
    public List<Citation> citations(Language language) {
        List<Citation> citations = new ArrayList<>();
        for (Source source : SOURCES) {
            Optional<KnowledgeDocument> doc = knowledge.documentIn(source.id(), language);
            doc.filter(d -> !d.passages().isEmpty()).ifPresent(d -> {
                Passage passage = d.passages().stream()
                        .filter(p -> source.sectionHints().stream()
                                .anyMatch(h -> p.section() != null
                                        && p.section().toLowerCase(Locale.ROOT).contains(h.toLowerCase(Locale.ROOT))))
                        .findFirst()
                        .orElse(d.passages().get(0));
                citations.add(Citation.of(passage));
            });
        }
        return List.copyOf(citations);
    }
}
