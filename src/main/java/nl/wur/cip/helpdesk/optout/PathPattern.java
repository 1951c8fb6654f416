package nl.wur.cip.helpdesk.optout;

/**
 * A robots.txt path pattern (RFC 9309, section 2.2.3): matched from the start of the path, {@code *} matches any
 * sequence of characters and a final {@code $} anchors the end. TDMRep's {@code location} uses the same syntax.
 * Matching takes time linear in the pattern and the path: the literal pieces between the stars are found left to
 * right, each by Knuth-Morris-Pratt (taking the leftmost place of each piece is right when {@code *} is the only
 * wildcard). A backtracking matcher took minutes of CPU over a hostile site's {@code Disallow: *aaaa…b} rules.
 */
final class PathPattern {
    private PathPattern() {}

    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        String[] pieces = p.split("\\*", -1);
        if (pieces.length == 1) {
            return anchored ? path.equals(p) : path.startsWith(p);
        }
        if (!path.startsWith(pieces[0])) {
            return false;
        }
        int at = pieces[0].length();
        int last = pieces.length - 1;
        for (int i = 1; i < last; i++) {
            at = indexOf(path, pieces[i], at);
            if (at < 0) {
                return false;
            }
            at += pieces[i].length();
        }
        // The piece after the last star: at the end of the path when anchored, anywhere after the others when not.
        return anchored
                ? path.length() - pieces[last].length() >= at && path.endsWith(pieces[last])
                : indexOf(path, pieces[last], at) >= 0;
    }

    /** Where {@code piece} first occurs in {@code text} at or after {@code from}, or -1: Knuth-Morris-Pratt. */
    static int indexOf(String text, String piece, int from) {
        if (piece.isEmpty()) {
            return from <= text.length() ? from : -1;
        }
        if (piece.length() > text.length() - from) {
            return -1;
        }
        int[] border = new int[piece.length()];
        for (int i = 1, k = 0; i < piece.length(); i++) {
            while (k > 0 && piece.charAt(i) != piece.charAt(k)) {
                k = border[k - 1];
            }
            if (piece.charAt(i) == piece.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = from, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != piece.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == piece.charAt(k)) {
                k++;
            }
            if (k == piece.length()) {
                return i - k + 1;
            }
        }
        return -1;
    }
}
