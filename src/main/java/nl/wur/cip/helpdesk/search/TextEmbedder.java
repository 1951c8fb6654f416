package nl.wur.cip.helpdesk.search;

import java.util.List;

/** Turns text into unit-length vectors whose dot product is their cosine similarity. */
public interface TextEmbedder {
    float[] embed(String text);

    List<float[]> embedAll(List<String> texts);

    String modelName();
}
