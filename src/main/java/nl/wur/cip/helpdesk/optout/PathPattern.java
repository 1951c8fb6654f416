package nl.wur.cip.helpdesk.optout;

/**
 * A robots.txt path pattern (RFC 9309, section 2.2.3): matched from the start of the path, {@code *} matches any
 * sequence of characters and a final {@code $} anchors the end. TDMRep's {@code location} uses the same syntax.
 * Matching is iterative (no regular expressions), so a hostile pattern cannot make it backtrack exponentially.
 */
final class PathPattern {
    private PathPattern() {
    }

    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!anchored) {
            p = p + "*"; // a pattern without $ matches any path that starts with it
        }
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < path.length()) {
            if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == path.charAt(si)) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
