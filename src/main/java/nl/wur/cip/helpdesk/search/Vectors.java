package nl.wur.cip.helpdesk.search;

/** Vector arithmetic for the unit-length embeddings. */
public final class Vectors {
    private Vectors() {
    }

    /** Cosine similarity of two unit vectors: their dot product. */
    public static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
