package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.L;
import static dev.plumbline.engines.kernels.SimdTiles.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Row-wise {@code LayerNorm(x + residual)} for the {@code simd} backend. Two passes over the row
 * (mean, then the sum of squared deviations) rather than {@code E[x²] − E[x]²}: the one-pass
 * formula cancels catastrophically when the mean is large against the spread, and the row is in
 * L1 anyway.
 */
final class SimdLayerNorm {
    private SimdLayerNorm() {
    }

    /** Normalises rows {@code [rowStart, rowEnd)}; see {@link Kernels#addLayerNorm}. */
    static void rows(float[] x, float[] residual, int rowStart, int rowEnd, int cols, float[] gamma, float[] beta,
                     float epsilon) {
        int full = cols & -L;
        VectorMask<Float> tail = S.indexInRange(full, cols);
        boolean hasTail = full < cols;
        for (int row = rowStart; row < rowEnd; row++) {
            int off = row * cols;
            FloatVector vsum = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) {
                FloatVector xv = FloatVector.fromArray(S, x, off + j);
                if (residual != null) {
                    xv = xv.add(FloatVector.fromArray(S, residual, off + j));
                    xv.intoArray(x, off + j);
                }
                vsum = vsum.add(xv);
            }
            if (hasTail) {
                FloatVector xv = FloatVector.fromArray(S, x, off + full, tail);
                if (residual != null) {
                    xv = xv.add(FloatVector.fromArray(S, residual, off + full, tail));
                    xv.intoArray(x, off + full, tail);
                }
                vsum = vsum.add(xv);
            }
            float mean = SimdTiles.sumLanes(vsum) / cols;

            FloatVector vsq = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) {
                FloatVector dv = FloatVector.fromArray(S, x, off + j).sub(mean);
                vsq = dv.fma(dv, vsq);
            }
            if (hasTail) {
                FloatVector dv = FloatVector.fromArray(S, x, off + full, tail).sub(mean)
                        .blend(0f, tail.not());
                vsq = dv.fma(dv, vsq);
            }
            float inv = (float) (1.0 / Math.sqrt(SimdTiles.sumLanes(vsq) / cols + (double) epsilon));

            for (int j = 0; j < full; j += L) {
                FloatVector y = FloatVector.fromArray(S, x, off + j).sub(mean).mul(inv);
                y.fma(FloatVector.fromArray(S, gamma, j), FloatVector.fromArray(S, beta, j)).intoArray(x, off + j);
            }
            if (hasTail) {
                FloatVector y = FloatVector.fromArray(S, x, off + full, tail).sub(mean).mul(inv);
                y.fma(FloatVector.fromArray(S, gamma, full, tail), FloatVector.fromArray(S, beta, full, tail))
                        .intoArray(x, off + full, tail);
            }
        }
    }
}
