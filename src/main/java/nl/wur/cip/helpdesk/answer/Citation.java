package nl.wur.cip.helpdesk.answer;

/** A source an answer rests on, with the passage that supports it. */
public record Citation(String id, String title, String reference, String url, String snippet) {
}
