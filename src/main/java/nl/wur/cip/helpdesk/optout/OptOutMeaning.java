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
import nl.wur.cip.helpdesk.knowledge.Passage;

/**
 * Puts findings into plain words, in English or Dutch, with the knowledge documents they rest on. Every legal
 * statement here is one the cited documents make: a reservation binds the general exception (DSM Art. 4(3),
 * Aw 15o), not the research exception (DSM Art. 3, Aw 15n), which has no opt-out; the LAION appeal held a
 * natural-language reservation in terms of use not machine-readable; the CIP asks researchers to respect
 * rightholders' terms such as not overloading servers.
 */
public final class OptOutMeaning {
    /** A cited document and the section heading (English or Dutch) whose passage to quote. */
    private record Source(String id, List<String> sectionHints) {
    }

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
        return new OptOutReport(f.url(), f.checkedAt(), f.verdict(), summary(f, language), f.signals(), f.problems(),
                citations(language), language.code());
    }

    /** The plain-words meaning of the findings. */
    public static String summary(Findings f, Language language) {
        boolean nl = language == Language.NL;
        List<String> parts = new ArrayList<>();
        switch (f.verdict()) {
            case RESERVED -> parts.add(nl
                    ? "Deze website geeft een machineleesbaar voorbehoud voor tekst- en datamining dat dit adres dekt ("
                      + what(f, true) + "). Onder de algemene uitzondering (DSM-richtlijn art. 4 lid 3; Auteurswet art. 15o)"
                      + " mag je deze inhoud dus niet zonder toestemming van de rechthebbende minen."
                    : "This website declares a machine-readable reservation of text and data mining that covers this address ("
                      + what(f, false) + "). Under the general exception (DSM Directive Art. 4(3); Auteurswet Art. 15o) you"
                      + " may therefore not mine this content without the rightholder's permission.");
            case PARTLY -> parts.add(nl
                    ? "Deze website behoudt tekst- en datamining gedeeltelijk voor (" + what(f, true) + "): alleen voor"
                      + " sommige AI-crawlers, alleen voor afbeeldingen of alleen voor andere delen van de site. Of zo'n"
                      + " voorbehoud ook jouw gebruik onder de algemene uitzondering (DSM-richtlijn art. 4 lid 3;"
                      + " Auteurswet art. 15o) uitsluit, staat niet vast: steun je op die uitzondering, vraag het dan"
                      + " eerst aan het CIP."
                    : "This website reserves text and data mining only in part (" + what(f, false) + "): for some AI"
                      + " crawlers only, for images only, or for other parts of the site. Whether such a reservation also"
                      + " excludes your use under the general exception (DSM Directive Art. 4(3); Auteurswet Art. 15o) is"
                      + " not settled: if you rely on that exception, ask the CIP first.");
            case NONE_FOUND -> parts.add(nl
                    ? "Er is voor dit adres geen machineleesbaar voorbehoud gevonden in robots.txt, in TDMRep (HTTP-headers,"
                      + " HTML-metatags, /.well-known/tdmrep.json) of in robots-metatags. Deze controle leest de"
                      + " gebruiksvoorwaarden niet. Het Hanseatisches Oberlandesgericht Hamburg (10 december 2025,"
                      + " 5 U 104/24) oordeelde dat een voorbehoud in gewone taal in gebruiksvoorwaarden niet machineleesbaar"
                      + " was, maar daarover wordt nog gediscussieerd, en de voorwaarden kunnen je als contract binden: lees"
                      + " ze dus wel. Zonder voorbehoud kan de algemene uitzondering (DSM-richtlijn art. 4; Auteurswet"
                      + " art. 15o) het minen van rechtmatig toegankelijke inhoud dekken, door iedereen en voor elk doel."
                    : "No machine-readable reservation was found for this address in robots.txt, in TDMRep (HTTP headers,"
                      + " HTML meta tags, /.well-known/tdmrep.json) or in robots meta tags. This check does not read the"
                      + " terms of use. The Hanseatisches Oberlandesgericht Hamburg (10 December 2025, 5 U 104/24) held"
                      + " that a reservation written in natural language in terms of use was not machine-readable, but this"
                      + " is still debated, and the terms may bind you as a contract: read them anyway. Without a"
                      + " reservation, the general exception (DSM Directive Art. 4; Auteurswet Art. 15o) can cover mining"
                      + " lawfully accessible content, by anyone and for any purpose.");
            case UNREACHABLE -> parts.add(nl
                    ? "De website kon niet (volledig) worden gecontroleerd (" + String.join("; ", f.problems()) + ")."
                      + " Dat betekent niet dat er geen voorbehoud is: probeer het later opnieuw, of bekijk de robots.txt"
                      + " en de gebruiksvoorwaarden van de site zelf."
                    : "The website could not be (fully) checked (" + String.join("; ", f.problems()) + "). That does not"
                      + " mean there is no reservation: try again later, or look at the site's robots.txt and terms of use"
                      + " yourself.");
        }
        parts.add(nl
                ? "Een opt-out beperkt niet de uitzondering voor wetenschappelijk onderzoek (DSM-richtlijn art. 3;"
                  + " Auteurswet art. 15n), want die kent geen opt-out: WUR-onderzoekers die voor wetenschappelijk onderzoek"
                  + " minen, mogen dat binnen de voorwaarden van die uitzondering, zoals rechtmatige toegang en veilige"
                  + " opslag."
                : "An opt-out does not limit the exception for scientific research (DSM Directive Art. 3; Auteurswet"
                  + " Art. 15n), which has no opt-out: WUR researchers mining for scientific research may do so within that"
                  + " exception's conditions, such as lawful access and secure storage.");
        parts.add(nl
                ? "Het CIP vraagt je wel de voorwaarden van rechthebbenden te respecteren, bijvoorbeeld door hen te"
                  + " raadplegen voordat je scrapet zodat hun servers niet overbelast raken. Twijfel je? Vraag het CIP:"
                  + " copyright@wur.nl."
                : "The CIP does ask you to respect rightholders' terms, for example by consulting them before you scrape"
                  + " so their servers are not overloaded. When unsure, ask the CIP: copyright@wur.nl.");
        return String.join(" ", parts);
    }

    /** The reserving signals in a few words: where they were found and for which crawlers. */
    private static String what(Findings f, boolean nl) {
        List<String> items = new ArrayList<>();
        List<String> agents = f.signals().stream().filter(Signal::reserves).map(Signal::agent).filter(Objects::nonNull)
                .filter(a -> !a.equals("*")).distinct().limit(6).toList();
        if (!agents.isEmpty()) {
            items.add((nl ? "robots.txt blokkeert " : "robots.txt blocks ") + String.join(", ", agents));
        }
        f.signals().stream()
                .filter(s -> s.reserves() || s.rule().contains("other paths"))
                .filter(s -> s.agent() == null || s.agent().equals("*"))
                .map(s -> s.source().equals("robots.txt") ? (nl ? "robots.txt voor alle crawlers" : "robots.txt for all crawlers")
                        : s.source().equals("html-meta") ? (nl ? "HTML-metatag" : "HTML meta tag")
                        : s.source().equals("http-header") ? "HTTP header" : s.source())
                .distinct().forEach(items::add);
        return items.isEmpty() ? (nl ? "zie de signalen" : "see the signals") : String.join("; ", items);
    }

    /** The documents the summary rests on, in Dutch where a Dutch version exists, each with its most fitting passage. */
    public List<Citation> citations(Language language) {
        List<Citation> citations = new ArrayList<>();
        for (Source source : SOURCES) {
            Optional<KnowledgeDocument> doc = knowledge.documentIn(source.id(), language);
            doc.filter(d -> !d.passages().isEmpty()).ifPresent(d -> {
                Passage passage = d.passages().stream()
                        .filter(p -> source.sectionHints().stream().anyMatch(h -> p.section() != null
                                && p.section().toLowerCase(Locale.ROOT).contains(h.toLowerCase(Locale.ROOT))))
                        .findFirst().orElse(d.passages().get(0));
                citations.add(Citation.of(passage));
            });
        }
        return List.copyOf(citations);
    }
}
