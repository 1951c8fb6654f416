package nl.wur.cip.helpdesk.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import nl.wur.cip.helpdesk.search.Vectors;

/**
 * Agglomerative clustering of unit vectors with average linkage: every vector starts as its own cluster, and the two
 * clusters whose members are on average most alike merge, until no two are alike on average by {@code threshold}
 * (cosine). Average linkage, unlike single linkage, does not chain distinct topics together through one in-between
 * question, and unlike complete linkage it keeps a topic whole when one of its phrasings strays. Deterministic: ties
 * go to the lowest index, and the result does not depend on anything but the input order.
 */
public final class GapClustering {
    private GapClustering() {}

    /** The clusters, each its members' indices in ascending order, largest cluster first (ties: lowest first member). */
    public static List<int[]> cluster(List<float[]> vectors, double threshold) {
        int n = vectors.size();
        // Similarities between clusters, updated on each merge by the size-weighted mean (Lance–Williams for average
        // linkage): O(n²) memory, and about O(n²) time since each cluster keeps its best partner.
        float[][] sim = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float s = (float) Vectors.cosine(vectors.get(i), vectors.get(j));
                sim[i][j] = s;
                sim[j][i] = s;
            }
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(new ArrayList<>(List.of(i)));
        }
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            best[i] = bestPartner(i, sim, active);
        }
        while (true) {
            int a = -1;
            float top = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (active[i] && best[i] >= 0 && sim[i][best[i]] > top) {
                    top = sim[i][best[i]];
                    a = i;
                }
            }
            if (a < 0 || top < threshold) {
                break;
            }
            int b = best[a];
            int into = Math.min(a, b);
            int gone = Math.max(a, b);
            for (int k = 0; k < n; k++) {
                if (active[k] && k != into && k != gone) {
                    float merged = (size[into] * sim[into][k] + size[gone] * sim[gone][k]) / (size[into] + size[gone]);
                    sim[into][k] = merged;
                    sim[k][into] = merged;
                }
            }
            size[into] += size[gone];
            members.get(into).addAll(members.get(gone));
            members.get(gone).clear();
            active[gone] = false;
            for (int k = 0; k < n; k++) {
                if (active[k] && (k == into || best[k] == into || best[k] == gone)) {
                    best[k] = bestPartner(k, sim, active);
                } else if (active[k] && best[k] >= 0 && sim[k][into] > sim[k][best[k]]) {
                    best[k] = into;
                } else if (active[k] && best[k] >= 0 && sim[k][into] == sim[k][best[k]] && into < best[k]) {
                    best[k] = into;
                }
            }
        }
        List<int[]> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                clusters.add(members.get(i).stream()
                        .mapToInt(Integer::intValue)
                        .sorted()
                        .toArray());
            }
        }
        clusters.sort(Comparator.<int[]>comparingInt(c -> -c.length).thenComparingInt(c -> c[0]));
        return clusters;
    }

    private static int bestPartner(int i, float[][] sim, boolean[] active) {
        int best = -1;
        for (int k = 0; k < sim.length; k++) {
            if (k != i && active[k] && (best < 0 || sim[i][k] > sim[i][best])) {
                best = k;
            }
        }
        return best;
    }

    /** The normalised mean of the members' vectors: the cluster's direction. */
    public static float[] centroid(List<float[]> vectors, int[] members) {
        float[] sum = new float[vectors.get(members[0]).length];
        for (int m : members) {
            float[] v = vectors.get(m);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return normalised(sum);
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) norm;
        }
        return v;
    }
}
