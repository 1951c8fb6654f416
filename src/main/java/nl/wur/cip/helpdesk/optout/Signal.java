package nl.wur.cip.helpdesk.optout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the site declares about text and data mining.
 *
 * @param source   "robots.txt", "tdmrep.json", "http-header" or "html-meta"
 * @param agent    the crawler the rule is for, with its operator, or null when it is for everyone
 * @param rule     what the signal says, in short
 * @param evidence the raw line or value it was read from (at most 200 characters, control characters removed)
 * @param reserves whether it reserves text and data mining of the checked address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String source, String agent, String rule, String evidence, boolean reserves) {
    public static final int MAX_EVIDENCE_CHARS = 200;

    public Signal {
        evidence = clean(evidence);
        rule = clean(rule);
    }

    /** Removes control characters and truncates, so evidence from a hostile site stays one short line. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE
                    || cp == 0xFFFD) {
                if (cp == '\t') {
                    out.append(' ');
                }
                return;
            }
            out.appendCodePoint(cp);
        });
        String s = out.toString().strip();
        if (s.codePointCount(0, s.length()) > MAX_EVIDENCE_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_EVIDENCE_CHARS - 1)) + "…";
        }
        return s;
    }
}
