package dev.plumbline.engines.train;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every backward operation against central finite differences in FP64: the loss is
 * {@code L = Σ y ∘ R} for a fixed random {@code R} (so {@code dL/dy = R}), each input element is
 * moved by ±{@value #H} and {@code (L(+) − L(−)) / 2H} is compared with the analytic gradient.
 */
class BackwardTest {
    /** Step of the central differences: truncation error ~H² ≈ 1e-10, rounding ~1e-16 / H ≈ 1e-10. */
    private static final double H = 1e-5;
    /** Analytic vs numeric gradient: |a − n| ≤ TOLERANCE · max(1, |n|), well above the ~1e-10 the differences themselves carry. */
    private static final double TOLERANCE = 1e-7;

    private static double[] random(Random r, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * scale;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Checks {@code analytic} against the finite-difference gradient of {@code loss} at {@code x} (modified and restored). */
    static void check(String what, double[] x, double[] analytic, Function<double[], Double> loss) {
        assertEquals(x.length, analytic.length, what + " gradient length");
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double up = loss.apply(x);
            x[i] = keep - H;
            double down = loss.apply(x);
            x[i] = keep;
            double numeric = (up - down) / (2 * H);
            double err = Math.abs(analytic[i] - numeric) / Math.max(1, Math.abs(numeric));
            assertTrue(err <= TOLERANCE, what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric);
        }
    }

    @Test
    void linearGradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        int m = 3;
        int k = 5;
        int n = 4;
        double[] x = random(r, m * k, 1);
        double[] w = random(r, k * n, 1);
        double[] b = random(r, n, 1);
        double[] dy = random(r, m * n, 1);
        double[] dw = new double[k * n];
        double[] db = new double[n];
        Backward.linearParamGrad(x, m, k, dy, n, dw, db);
        check("dx", x, Backward.linearInputGrad(dy, m, n, w, k), xx -> dot(Backward.linear(xx, m, k, w, b, n), dy));
        check("dw", w, dw, ww -> dot(Backward.linear(x, m, k, ww, b, n), dy));
        check("db", b, db, bb -> dot(Backward.linear(x, m, k, w, bb, n), dy));
    }

    @Test
    void geluGradientMatchesFiniteDifferences() {
        Random r = new Random(2);
        double[] x = random(r, 40, 2.5);
        x[0] = 0;
        x[1] = -6;
        double[] dy = random(r, 40, 1);
        check("gelu", x, Backward.geluBackward(x, dy), xx -> dot(Backward.gelu(xx), dy));
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        Random r = new Random(3);
        int rows = 3;
        int cols = 7;
        double[] x = random(r, rows * cols, 2);
        double[] res = random(r, rows * cols, 1);
        double[] gamma = random(r, cols, 1);
        double[] beta = random(r, cols, 1);
        double[] dy = random(r, rows * cols, 1);
        Backward.LayerNormCache[] cache = new Backward.LayerNormCache[1];
        Backward.addLayerNorm(x, res, rows, cols, gamma, beta, 1e-5, cache);
        double[] dGamma = new double[cols];
        double[] dBeta = new double[cols];
        double[] dz = Backward.addLayerNormBackward(cache[0], rows, cols, gamma, dy, dGamma, dBeta);
        Function<double[], Double> viaX = xx -> dot(Backward.addLayerNorm(xx, res, rows, cols, gamma, beta, 1e-5, null), dy);
        check("dx", x, dz, viaX);
        check("dresidual", res, dz, rr -> dot(Backward.addLayerNorm(x, rr, rows, cols, gamma, beta, 1e-5, null), dy));
        check("dgamma", gamma, dGamma, gg -> dot(Backward.addLayerNorm(x, res, rows, cols, gg, beta, 1e-5, null), dy));
        check("dbeta", beta, dBeta, bb -> dot(Backward.addLayerNorm(x, res, rows, cols, gamma, bb, 1e-5, null), dy));
    }

    @Test
    void attentionGradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        int len = 5;
        int heads = 2;
        int d = 3;
        int w = heads * d;
        double[] q = random(r, len * w, 1);
        double[] k = random(r, len * w, 1);
        double[] v = random(r, len * w, 1);
        double[] dOut = random(r, len * w, 1);
        double[][] p = new double[heads][];
        Backward.attention(q, k, v, len, heads, d, p);
        Backward.AttentionGrads g = Backward.attentionBackward(q, k, v, p, len, heads, d, dOut);
        check("dq", q, g.dq(), qq -> dot(Backward.attention(qq, k, v, len, heads, d, null), dOut));
        check("dk", k, g.dk(), kk -> dot(Backward.attention(q, kk, v, len, heads, d, null), dOut));
        check("dv", v, g.dv(), vv -> dot(Backward.attention(q, k, vv, len, heads, d, null), dOut));
    }

    @Test
    void poolingAndCrossEntropyGradientsMatchFiniteDifferences() {
        Random r = new Random(5);
        double[] x = random(r, 4 * 3, 1);
        double[] dy = random(r, 3, 1);
        check("mean pool", x, Backward.meanPoolBackward(dy, 4, 3), xx -> dot(Backward.meanPool(xx, 4, 3), dy));
        check("cls pool", x, Backward.clsPoolBackward(dy, 4, 3), xx -> dot(java.util.Arrays.copyOf(xx, 3), dy));
        double[] logits = random(r, 3, 2);
        check("cross-entropy", logits, Backward.crossEntropy(logits, 2).dLogits(),
                z -> Backward.crossEntropy(z, 2).loss());
        assertEquals(Math.log(3), Backward.crossEntropy(new double[] {1, 1, 1}, 0).loss(), 1e-15);
    }

    @Test
    void loraGradientsMatchFiniteDifferencesAndStartAtTheBaseLayer() {
        Random r = new Random(6);
        int m = 3;
        int k = 6;
        int n = 5;
        double[] w = random(r, k * n, 1);
        double[] b = random(r, n, 1);
        LoraLinear lora = new LoraLinear(w, b, k, n, 2, 4, new java.util.SplittableRandom(9));
        double[] x = random(r, m * k, 1);
        // B starts at zero: the adapted layer is the base layer exactly.
        double[] base = Backward.linear(x, m, k, w, b, n);
        double[] y0 = lora.forward(x, m, null);
        for (int i = 0; i < base.length; i++) {
            assertEquals(base[i], y0[i], 0.0);
        }
        for (int i = 0; i < lora.bUp.length; i++) {
            lora.bUp[i] = r.nextGaussian(); // away from zero, so dA is not trivially zero
        }
        double[] dy = random(r, m * n, 1);
        LoraLinear.Cache[] c = new LoraLinear.Cache[1];
        lora.forward(x, m, c);
        double[] dx = lora.backward(c[0], dy);
        check("dx", x, dx, xx -> dot(lora.forward(xx, m, null), dy));
        check("dA", lora.a, lora.gradA.clone(), aa -> dot(lora.forward(x, m, null), dy));
        check("dB", lora.bUp, lora.gradB.clone(), bb -> dot(lora.forward(x, m, null), dy));
    }
}
