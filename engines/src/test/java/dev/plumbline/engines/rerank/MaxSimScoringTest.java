package dev.plumbline.engines.rerank;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaxSimScoringTest {
    /**
     * How far the FP32 fast path may be from the FP64 reference, relative to the score's magnitude
     * (the sum over query tokens of the absolute best dot product, which is |score| when the best
     * dots share a sign). FP32 dot products of unit vectors at hidden 385 are typically ~1e-7 off.
     */
    static final double TOLERANCE = 1e-5;

    static final int[] HIDDEN = {1, 7, 33, 384, 385};
    static final int[] DOC_TOKENS = {0, 1, 3, 17};
    static final int[] QUERY_TOKENS = {0, 1, 5, 20};

    /** {@code n} token vectors of {@code h} floats, Gaussian, each scaled to unit length when {@code unit}. */
    static float[] tokens(Random r, int n, int h, boolean unit) {
        float[] v = new float[n * h];
        for (int t = 0; t < n; t++) {
            double norm = 0;
            for (int j = 0; j < h; j++) {
                v[t * h + j] = (float) r.nextGaussian();
                norm += (double) v[t * h + j] * v[t * h + j];
            }
            if (unit) {
                for (int j = 0; j < h; j++) {
                    v[t * h + j] = (float) (v[t * h + j] / Math.sqrt(norm));
                }
            }
        }
        return v;
    }

    /** Σ over query tokens of |best FP64 dot|: the scale {@link #TOLERANCE} is relative to. */
    static double magnitude(float[] q, float[] d, int h) {
        double m = 0;
        for (int qt = 0; qt < q.length / h; qt++) {
            m += Math.abs(MaxSimScoring.reference(Arrays.copyOfRange(q, qt * h, (qt + 1) * h), d, h));
        }
        return m;
    }

    @Test
    void theFastPathMatchesTheReferenceWithinTheToleranceOverOddSizes() {
        Random r = new Random(20261204);
        int cases = 0;
        for (boolean unit : new boolean[] {true, false}) {
            for (int h : HIDDEN) {
                for (int nq : QUERY_TOKENS) {
                    float[] q = tokens(r, nq, h, unit);
                    float[][] docs = new float[DOC_TOKENS.length][];
                    for (int i = 0; i < docs.length; i++) {
                        docs[i] = tokens(r, DOC_TOKENS[i], h, unit);
                    }
                    double[] ref = MaxSimScoring.reference(q, docs, h);
                    double[] fast = MaxSimVector.scores(q, docs, h);
                    double[] dispatched = MaxSimScoring.scores(q, docs, h);
                    for (int i = 0; i < docs.length; i++) {
                        String at = "unit " + unit + ", hidden " + h + ", query tokens " + nq
                                + ", candidate tokens " + DOC_TOKENS[i];
                        double bound = TOLERANCE * magnitude(q, docs[i], h);
                        assertTrue(Math.abs(fast[i] - ref[i]) <= bound,
                                at + ": fast " + fast[i] + ", reference " + ref[i] + ", bound " + bound);
                        assertEquals(Double.doubleToRawLongBits(fast[i]), Double.doubleToRawLongBits(dispatched[i]), at);
                        if (DOC_TOKENS[i] == 0 || nq == 0) {
                            assertEquals(0.0, fast[i], at + ": nothing to match scores 0");
                            assertEquals(0.0, ref[i], at);
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(2 * HIDDEN.length * QUERY_TOKENS.length * DOC_TOKENS.length, cases);
    }

    @Test
    void aCandidatesScoreIsTheSameBitsWhateverElseIsInTheCallAndAfterWarmUp() {
        Random r = new Random(7);
        for (int h : HIDDEN) {
            float[] q = tokens(r, 20, h, true);
            List<float[]> docs = new ArrayList<>();
            for (int n : new int[] {17, 0, 3, 1, 4, 5, 8, 230}) {
                docs.add(tokens(r, n, h, true));
            }
            long[] alone = new long[docs.size()];
            for (int i = 0; i < alone.length; i++) {
                alone[i] = Double.doubleToRawLongBits(MaxSimScoring.scores(q, new float[][] {docs.get(i)}, h)[0]);
            }
            // Shuffled, with repeats: each candidate's bits as when it was scored alone.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                order.add(i);
                order.add(i);
            }
            Collections.shuffle(order, new Random(h));
            float[][] batch = new float[order.size()][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = docs.get(order.get(i));
            }
            // Enough calls for the JIT to compile the kernels: the bits must not change with it.
            for (int round = 0; round < (h == 384 ? 400 : 40); round++) {
                double[] s = MaxSimScoring.scores(q, batch, h);
                for (int i = 0; i < batch.length; i++) {
                    assertEquals(alone[order.get(i)], Double.doubleToRawLongBits(s[i]),
                            "hidden " + h + ", round " + round + ", candidate " + order.get(i));
                }
            }
        }
    }

    @Test
    void theFastPathRunsWhereTheVectorModuleIsReadable() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, MaxSimScoring.VECTORIZED);
        assertTrue(module, "the engines tests add jdk.incubator.vector, so the fast path is what they test");
        assertEquals("vector", MaxSimScoring.path());
    }

    /** Run by {@link #withoutTheVectorModuleScoringFallsBackToTheReference} in a JVM without the module. */
    public static void main(String[] args) {
        System.out.println(MaxSimScoring.path() + " " + Arrays.toString(MaxSimScoring.scores(SMALL_QUERY, SMALL_DOCS, 2)));
    }

    static final float[] SMALL_QUERY = {0.6f, 0.8f, 1, 0};
    static final float[][] SMALL_DOCS = {{0.6f, 0.8f, 0, 1, 1, 0}, {}};

    @Test
    void withoutTheVectorModuleScoringFallsBackToTheReference() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                MaxSimScoringTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        // The reference's exact bits: that path, not merely close to it.
        assertEquals("reference " + Arrays.toString(MaxSimScoring.reference(SMALL_QUERY, SMALL_DOCS, 2)), out);
    }
}
