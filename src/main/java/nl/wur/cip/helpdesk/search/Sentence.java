package nl.wur.cip.helpdesk.search;

/** One sentence of a passage with its vector, for extractive answers. */
public record Sentence(String text, float[] vector) {}
