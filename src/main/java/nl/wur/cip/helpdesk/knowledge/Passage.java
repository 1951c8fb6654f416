package nl.wur.cip.helpdesk.knowledge;

/**
 * One searchable, citable unit of a knowledge document: the text under one heading.
 *
 * @param id        unique passage id, {@code documentId#index}
 * @param reference how this passage is cited (may be more precise than the document's)
 */
public record Passage(String id, String documentId, String title, String reference, String url,
                      Language language, String section, String text) {
}
