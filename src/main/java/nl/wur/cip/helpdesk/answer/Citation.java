package nl.wur.cip.helpdesk.answer;

/**
 * A source an answer rests on, with the passage that supports it.
 *
 * @param language the source's own language ({@code en}, {@code nl}), which may differ from the answer's when the
 *                 knowledge has the source in one language only; the page marks it so a screen reader reads it right
 */
public record Citation(String id, String title, String reference, String url, String snippet, String language) {
}
