package nl.wur.cip.helpdesk.checklist;

import nl.wur.cip.helpdesk.answer.Citation;

/** Writes a completed assessment as a Markdown record a researcher can attach to a data management plan. */
final class AssessmentReport {
    private AssessmentReport() {
    }

    static String markdown(ChecklistService.Result r, String disclaimer) {
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
        md.append("\n_").append(disclaimer).append("_\n");
        return md.toString();
    }
}
