package nl.wur.cip.helpdesk.knowledge;

/**
 * A source an answer, a checklist verdict or an opt-out report rests on, with the passage that supports it.
 *
 * @param language the source's own language ({@code en}, {@code nl}), which may differ from the answer's when the
 *                 knowledge has the source in one language only; the page marks it so a screen reader reads it right
 */
public record Citation(String id, String title, String reference, String url, String snippet, String language) {
    /** Long enough to show the rule a passage states, short enough to read under an answer. */
    public static final int SNIPPET_CHARS = 600;

    /** How a passage is cited: its document, its (section's) reference, its official address and an excerpt. */
    public static Citation of(Passage passage) {
        return new Citation(
                passage.documentId(),
                passage.title(),
                passage.reference(),
                passage.url().isEmpty() ? null : passage.url(),
                passage.excerpt(SNIPPET_CHARS),
                passage.language().code());
    }
}
