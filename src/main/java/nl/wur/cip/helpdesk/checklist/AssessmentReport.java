package nl.wur.cip.helpdesk.checklist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.Citation;

/** Writes a completed assessment as a Markdown record a researcher can attach to a data management plan. */
final class AssessmentReport {
    private AssessmentReport() {
    }

    static String markdown(ChecklistService.Result r, Bilingual disclaimer) {
        boolean nl = "nl".equals(r.language());
        StringBuilder md = new StringBuilder();
        md.append(nl ? "# Zelfevaluatie tekst- en datamining\n\n" : "# Text and data mining self-assessment\n\n");
        md.append(nl ? "- Datum: " : "- Date: ").append(r.assessedAt()).append('\n');
        md.append(nl ? "- Versie checklist: " : "- Checklist version: ").append(r.checklistVersion()).append('\n');
        md.append(nl ? "- Kenmerk: " : "- Reference: ").append(r.assessmentId()).append("\n\n");
        md.append(nl ? "## Vragen en antwoorden\n\n" : "## Questions and answers\n\n");
        r.steps().forEach(s -> md.append("- ").append(s.question()).append(" — **").append(s.answer()).append("**\n"));
        md.append(nl ? "\n## Uitkomst\n\n" : "\n## Verdict\n\n");
        if (r.verdict() != null) {
            md.append("**").append(r.verdict().title()).append("**\n\n").append(r.verdict().text()).append("\n\n");
            List<Assessment.Verdict> others = alsoReached(r);
            if (!others.isEmpty()) {
                md.append(nl ? "Je antwoorden leiden ook tot:\n\n" : "Your answers also lead to:\n\n");
                others.forEach(l -> md.append("**").append(l.title()).append("**\n\n").append(l.text()).append("\n\n"));
            }
        }
        if (!r.conditions().isEmpty()) {
            md.append(nl ? "## Voorwaarden\n\n" : "## Conditions\n\n");
            r.conditions().forEach(c -> md.append("- ").append(c.text()).append('\n'));
            md.append('\n');
        }
        if (!r.flags().isEmpty()) {
            md.append(nl ? "## Let ook op\n\n" : "## Also note\n\n");
            r.flags().forEach(f -> md.append("- ").append(f.text()).append('\n'));
            md.append('\n');
        }
        md.append(nl ? "## Bronnen\n\n" : "## Sources\n\n");
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
                .filter(l -> r.verdict() == null || !l.level().equals(r.verdict().level())).toList());
        Collections.reverse(others);
        return others;
    }
}
