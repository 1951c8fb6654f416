package nl.wur.cip.helpdesk.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nl.wur.cip.helpdesk.Assembly;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.search.QueryExpansion;
import org.junit.jupiter.api.Test;

/** Average-linkage clustering: its merging rule on hand-made vectors, and its threshold on the shipped cards' variants. */
class GapClusteringTest {

    private static float[] unit(double... values) {
        float[] v = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = (float) values[i];
        }
        return GapClustering.normalised(v);
    }

    @Test
    void twoTightGroupsStayApartAndALoneVectorStaysAlone() {
        List<float[]> vectors = List.of(
                unit(1, 0.1, 0), unit(0, 1, 0.1), unit(1, 0, 0.1), unit(0.1, 1, 0), unit(0, 0, 1), unit(1, 0.05, 0.05));
        List<int[]> clusters = GapClustering.cluster(vectors, 0.8);
        assertEquals(3, clusters.size());
        assertArrayEquals(new int[] {0, 2, 5}, clusters.get(0), "largest first");
        assertArrayEquals(new int[] {1, 3}, clusters.get(1));
        assertArrayEquals(new int[] {4}, clusters.get(2));
    }

    @Test
    void averageLinkageDoesNotChainTwoTopicsThroughOneQuestionBetweenThem() {
        // a and c are 90 degrees apart; b lies between them, alike to each at cos 45° = 0.71.
        List<float[]> vectors = List.of(unit(1, 0), unit(1, 1), unit(0, 1));
        List<int[]> clusters = GapClustering.cluster(vectors, 0.7);
        assertEquals(2, clusters.size(), "single linkage would have made one cluster of all three");
        assertEquals(2, clusters.get(0).length);
    }

    @Test
    void theSameInputGivesTheSameClustersEveryTime() {
        Random random = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vectors.add(
                    unit(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
        }
        List<int[]> first = GapClustering.cluster(vectors, 0.6);
        List<int[]> second = GapClustering.cluster(vectors, 0.6);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
        assertEquals(200, first.stream().mapToInt(c -> c.length).sum(), "every vector in exactly one cluster");
    }

    /**
     * The threshold's evidence: the shipped cards' question variants, one language at a time, clustered as gaps would
     * be. Pairwise precision is the share of pairs put together that share a card; recall the share of a card's pairs
     * kept together. Printed for the sweep; the chosen threshold must keep precision high (a gap is one topic) with
     * a usable recall (a topic is not split into many gaps). The figures are low because the cards' variants are written
     * to differ and the cards' topics are close; they guard against regressions rather than prove the choice.
     */
    @Test
    void theThresholdGroupsTheShippedCardsVariantsByCard() {
        Assembly assembly = TestHelpdesk.shared();
        QueryExpansion expansion =
                new QueryExpansion(assembly.knowledge().rules().dutchToEnglish());
        double chosenPrecision = 0;
        double chosenRecall = 0;
        for (Language language : Language.values()) {
            List<String> texts = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (AnswerCard card : assembly.knowledge().cards()) {
                for (String q : card.questions().get(language)) {
                    texts.add(expansion.queryText(q, language));
                    labels.add(card.id());
                }
            }
            List<float[]> vectors = assembly.vectors().vectors(texts);
            for (double threshold = 0.40; threshold < 0.76; threshold += 0.05) {
                double[] pr = pairwise(GapClustering.cluster(vectors, threshold), labels);
                System.out.printf(
                        Locale.ROOT,
                        "%s threshold %.2f: pairwise precision %.3f, recall %.3f%n",
                        language.code(),
                        threshold,
                        pr[0],
                        pr[1]);
                if (Math.abs(threshold - ContentGaps.THRESHOLD) < 1e-9) {
                    chosenPrecision += pr[0] / 2;
                    chosenRecall += pr[1] / 2;
                }
            }
        }
        // Measured at 0.55: precision 0.26 (English) and 0.05 (Dutch), recall 0.05 and 0.19; a change to the model or
        // the clustering that makes gaps less pure than this fails here.
        assertTrue(chosenPrecision >= 0.12, "precision at the chosen threshold: " + chosenPrecision);
        assertTrue(chosenRecall >= 0.09, "recall at the chosen threshold: " + chosenRecall);
    }

    private static double[] pairwise(List<int[]> clusters, List<String> labels) {
        long together = 0;
        long togetherSame = 0;
        for (int[] c : clusters) {
            for (int i = 0; i < c.length; i++) {
                for (int j = i + 1; j < c.length; j++) {
                    together++;
                    if (labels.get(c[i]).equals(labels.get(c[j]))) {
                        togetherSame++;
                    }
                }
            }
        }
        long same = 0;
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    same++;
                }
            }
        }
        return new double[] {together == 0 ? 1 : (double) togetherSame / together, (double) togetherSame / same};
    }
}
