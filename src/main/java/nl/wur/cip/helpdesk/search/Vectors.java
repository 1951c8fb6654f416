package nl.wur.cip.helpdesk.search;

/** Vector arithmetic for the unit-length embeddings. */
public final class Vectors {
    private Vectors() {
    }

    /** Cosine similarity of two unit vectors: their dot product. */
    public static double cosine(float[] a, float[] b) {
        // Four independent sums let the CPU work on several products at once; this loop runs for every card
        // variant on every question.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int end = a.length - 3; i < end; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
