package nl.wur.cip.helpdesk.search;

/** Vector arithmetic for the unit-length embeddings. */
public final class Vectors {
    private Vectors() {}

    /** Cosine similarity of two unit vectors: their dot product. */
    public static double cosine(float[] a, float[] b) {
        return cosine(a, b, 0);
    }

    /**
     * Cosine similarity of unit vector {@code a} and the vector of the same length at {@code offset} in {@code rows},
     * where the vectors of all passages lie one after another, so the loop over them reads memory in order.
     */
    public static double cosine(float[] a, float[] rows, int offset) {
        // Four independent sums let the CPU work on several products at once; this runs for every passage on every
        // question.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int end = a.length - 3; i < end; i += 4) {
            s0 += a[i] * rows[offset + i];
            s1 += a[i + 1] * rows[offset + i + 1];
            s2 += a[i + 2] * rows[offset + i + 2];
            s3 += a[i + 3] * rows[offset + i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * rows[offset + i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
