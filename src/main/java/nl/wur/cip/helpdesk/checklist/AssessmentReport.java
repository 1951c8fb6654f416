package nl.wur.cip.helpdesk.checklist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Message;
import nl.wur.cip.helpdesk.knowledge.Messages;

/** Writes a completed assessment as a Markdown record a researcher can attach to a data management plan. */
final class AssessmentReport {
    private AssessmentReport() {}

    static String markdown(ChecklistService.Result r, Bilingual disclaimer, Messages messages) {
        boolean nl = "nl".equals(r.language());
        Language language = nl ? Language.NL : Language.EN;
        java.util.function.Function<Message, String> say = m -> messages.text(m, language);
        StringBuilder md = new StringBuilder();
        md.append("# " + say.apply(Message.REPORT_TITLE) + "\n\n");
        md.append("- " + say.apply(Message.REPORT_DATE) + ": ")
                .append(r.assessedAt())
                .append('\n');
        md.append("- " + say.apply(Message.REPORT_CHECKLIST_VERSION) + ": ")
                .append(r.checklistVersion())
                .append('\n');
        md.append("- " + say.apply(Message.REPORT_REFERENCE) + ": ")
                .append(r.assessmentId())
                .append("\n\n");
        md.append("## " + say.apply(Message.REPORT_QUESTIONS) + "\n\n");
        r.steps()
                .forEach(s -> md.append("- ")
                        .append(s.question())
                        .append(" — **")
                        .append(s.answer())
                        .append("**\n"));
        md.append("\n## " + say.apply(Message.REPORT_VERDICT) + "\n\n");
        if (r.verdict() != null) {
            md.append("**")
                    .append(r.verdict().title())
                    .append("**\n\n")
                    .append(r.verdict().text())
                    .append("\n\n");
            List<Assessment.Verdict> others = alsoReached(r);
            if (!others.isEmpty()) {
                md.append(say.apply(Message.REPORT_ALSO_LEADS_TO) + "\n\n");
                others.forEach(l -> md.append("**")
                        .append(l.title())
                        .append("**\n\n")
                        .append(l.text())
                        .append("\n\n"));
            }
        }
        if (!r.conditions().isEmpty()) {
            md.append("## " + say.apply(Message.REPORT_CONDITIONS) + "\n\n");
            r.conditions().forEach(c -> md.append("- ").append(c.text()).append('\n'));
            md.append('\n');
        }
        if (!r.flags().isEmpty()) {
            md.append("## " + say.apply(Message.REPORT_ALSO_NOTE) + "\n\n");
            r.flags().forEach(f -> md.append("- ").append(f.text()).append('\n'));
            md.append('\n');
        }
        md.append("## " + say.apply(Message.REPORT_SOURCES) + "\n\n");
        int n = 1;
        for (Citation c : r.citations()) {
            md.append(n++).append(". ").append(c.title()).append(" — ").append(c.reference());
            if (c.url() != null) {
                md.append(" <").append(c.url()).append('>');
            }
            md.append('\n');
        }
        md.append("\n_").append(nl ? disclaimer.nl() : disclaimer.en()).append("_\n");
        return md.toString();
    }

    /** The levels reached besides the verdict, most restrictive first; none for a record stored before levels existed. */
    static List<Assessment.Verdict> alsoReached(ChecklistService.Result r) {
        if (r.levels() == null) {
            return List.of();
        }
        List<Assessment.Verdict> others = new ArrayList<>(r.levels().stream()
                .filter(l ->
                        r.verdict() == null || !l.level().equals(r.verdict().level()))
                .toList());
        Collections.reverse(others);
        return others;
    }
}
