package nl.wur.cip.helpdesk.knowledge;

/**
 * One searchable, citable unit of a knowledge document: the text under one heading.
 *
 * @param id        unique passage id, {@code documentId#index}
 * @param reference how this passage is cited (may be more precise than the document's)
 */
public record Passage(
        String id,
        String documentId,
        String title,
        String reference,
        String url,
        Language language,
        String section,
        String text) {
    /** The text, cut after the last full sentence within {@code maxChars} (or at it, if a sentence runs longer), marked "…". */
    public String excerpt(int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = text.lastIndexOf(". ", maxChars);
        return text.substring(0, end > maxChars / 2 ? end + 1 : maxChars) + " …";
    }
}
