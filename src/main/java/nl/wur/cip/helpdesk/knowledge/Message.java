package nl.wur.cip.helpdesk.knowledge;

import java.util.List;

/**
 * Every text the helpdesk says in its own words (answers, the checklist report, the researcher's
 * confirmation mail, the opt-out check's summary),
 * by its key in {@code knowledge/messages.yml} and the placeholders the code fills in.
 */
public enum Message {
    ANSWER_SOURCES_INTRO("answer.sources_intro"),
    ANSWER_PARTLY_ENGLISH("answer.partly_english"),
    ANSWER_DISCLAIMER("answer.disclaimer", "office"),
    REPORT_TITLE("report.title"),
    REPORT_DATE("report.date"),
    REPORT_CHECKLIST_VERSION("report.checklist_version"),
    REPORT_REFERENCE("report.reference"),
    REPORT_QUESTIONS("report.questions"),
    REPORT_VERDICT("report.verdict"),
    REPORT_ALSO_LEADS_TO("report.also_leads_to"),
    REPORT_CONDITIONS("report.conditions"),
    REPORT_ALSO_NOTE("report.also_note"),
    REPORT_SOURCES("report.sources"),
    REPORT_DISCLAIMER("report.disclaimer"),
    MAIL_CONFIRMATION_SUBJECT("mail.confirmation_subject"),
    MAIL_CONFIRMATION("mail.confirmation", "when", "office", "ticket", "days"),
    OPTOUT_RESERVED("optout.reserved", "what"),
    OPTOUT_PARTLY("optout.partly", "what"),
    OPTOUT_NONE_FOUND("optout.none_found"),
    OPTOUT_UNREACHABLE("optout.unreachable", "problems"),
    OPTOUT_RESEARCH_EXCEPTION("optout.research_exception"),
    OPTOUT_RESPECT_TERMS("optout.respect_terms"),
    OPTOUT_ROBOTS_BLOCKS("optout.robots_blocks", "agents"),
    OPTOUT_ROBOTS_ALL("optout.robots_all"),
    OPTOUT_HTML_META("optout.html_meta"),
    OPTOUT_SEE_SIGNALS("optout.see_signals");

    private final String key;
    private final List<String> placeholders;

    Message(String key, String... placeholders) {
        this.key = key;
        this.placeholders = List.of(placeholders);
    }

    public String key() {
        return key;
    }

    /** The {@code {name}}s its text may hold, each filled in by the code. */
    public List<String> placeholders() {
        return placeholders;
    }
}
