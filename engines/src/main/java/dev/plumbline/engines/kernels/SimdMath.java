package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorized {@code exp} and exact-GELU for the {@code simd} backend, in plain FMA arithmetic so
 * the cost does not depend on whether the JDK intrinsifies {@code VectorOperators.EXP} (without
 * the SVML stubs it falls back to one scalar call per lane).
 *
 * <p>Accuracy (checked by {@code SimdMathTest} against {@code Math.exp} and {@link ReferenceMath}
 * in double): {@link #expNonPositive} within {@code 2^-23} relative (measured 1.0e-7);
 * {@link #gelu} within {@code 2e-7 · max(1, |x|)} absolute (measured 1.15e-7).
 */
final class SimdMath {
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that {@code n · LN2_HI} is exact for |n| < 2^9 (Cody–Waite reduction). */
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    /** Below this, e^x is under the smallest normal float; we return 0 (no denormals). */
    private static final float EXP_LOWER = -87.33f;

    /** {@code 1/√2}: GELU's argument scale. */
    private static final float INV_SQRT2 = 0.70710678f;
    /**
     * Coefficients (constant term first) of {@code Q(t) ≈ erfcx(a)·(1 + p·a)} with
     * {@code t = 1/(1 + p·a)} (p = 0.4), so that {@code erfc(a) = t · Q(t) · e^(−a²)} for {@code a ≥ 0}.
     * Derived for this class by a relative-error-weighted least-squares Chebyshev fit (degree 10,
     * 4,000 Chebyshev nodes in t ∈ (0, 1], scipy's {@code erfcx} as the target); relative error of
     * Q is 7e-9 in exact arithmetic and 2e-7 evaluated in float. Q(1) = 1 since erfc(0) = 1, and
     * Q(0) = p/√π from erfc's asymptote.
     */
    private static final float[] Q = {
        0.22567584f, 0.22567607f, 0.20760803f, 0.1718026f, 0.11863267f, 0.08523322f,
        -0.049755115f, 0.14145039f, -0.2387486f, 0.14193244f, -0.029507564f,
    };
    // Coefficients as vector constants: a broadcast per use inflates C2's node count past its
    // inlining cutoff once exp is inlined into gelu into the loop, and the uninlined helper then
    // boxes a vector per call (measured: GELU 4x slower).
    private static final FloatVector VQ0 = c(Q[0]), VQ1 = c(Q[1]), VQ2 = c(Q[2]), VQ3 = c(Q[3]);
    private static final FloatVector VQ4 = c(Q[4]), VQ5 = c(Q[5]), VQ6 = c(Q[6]), VQ7 = c(Q[7]);
    private static final FloatVector VQ8 = c(Q[8]), VQ9 = c(Q[9]), VQ10 = c(Q[10]);
    private static final FloatVector ONE = c(1f);
    private static final FloatVector LOG2E_V = c(LOG2E), ROUNDER_V = c(ROUNDER);
    private static final FloatVector TWO = c(2f), HALF = c(0.5f), ERFC_P_V = c(0.4f);
    private static final FloatVector NEG_LN2_HI = c(-LN2_HI), NEG_LN2_LO = c(-LN2_LO);
    private static final FloatVector E2 = c(0.5f), E3 = c(1f / 6f), E4 = c(1f / 24f), E5 = c(1f / 120f);
    private static final FloatVector E6 = c(1f / 720f), E7 = c(1f / 5040f);

    private SimdMath() {
    }

    private static FloatVector c(float c) {
        return FloatVector.broadcast(S, c);
    }

    /**
     * {@code e^x} for {@code x ≤ 88} (callers pass {@code x ≤ 0} up to rounding: softmax after
     * subtracting the row maximum, and {@code e^(−a²)}); results under the smallest normal float,
     * {@code −∞} included, are 0; NaN stays NaN. No input clamp: lanes below the range compute
     * garbage that the final blend replaces, which is cheaper than Java-semantics min/max.
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector t = x.fma(LOG2E_V, ROUNDER_V);
        FloatVector n = t.sub(ROUNDER_V);
        FloatVector r = n.fma(NEG_LN2_HI, x);
        r = n.fma(NEG_LN2_LO, r);
        // Taylor series of e^r to degree 7 on |r| ≤ ln2/2 (truncation error 5e-9 relative), in
        // Estrin's form: three dependent steps instead of Horner's seven, so consecutive vectors
        // overlap in the FMA pipes (C2 does not unroll loops this large).
        FloatVector r2 = r.mul(r);
        FloatVector r4 = r2.mul(r2);
        // The leading 1 is added last, so only one rounding lands at full magnitude.
        FloatVector p23 = r.fma(E3, E2);
        FloatVector p45 = r.fma(E5, E4);
        FloatVector p67 = r.fma(E7, E6);
        FloatVector p = p23.fma(r2, r).add(p67.fma(r2, p45).mul(r4)).add(ONE);
        // t's bits are 0x4B400000 + n; shifting n + 127 into the exponent field gives 2^n.
        FloatVector scale = t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(scale);
        return e.blend(0f, x.compare(VectorOperators.LT, EXP_LOWER));
    }

    /** Exact GELU, {@code x · ½ · (1 + erf(x/√2))}, lane by lane. */
    static FloatVector gelu(FloatVector x) {
        FloatVector a = x.mul(INV_SQRT2).abs();
        FloatVector t = ONE.div(a.fma(ERFC_P_V, ONE));
        // Q(t) in Estrin's form (depth 4 instead of Horner's 10).
        FloatVector t2 = t.mul(t);
        FloatVector t4 = t2.mul(t2);
        FloatVector t8 = t4.mul(t4);
        FloatVector q01 = t.fma(VQ1, VQ0);
        FloatVector q23 = t.fma(VQ3, VQ2);
        FloatVector q45 = t.fma(VQ5, VQ4);
        FloatVector q67 = t.fma(VQ7, VQ6);
        FloatVector q89 = t.fma(VQ9, VQ8);
        FloatVector q03 = q23.fma(t2, q01);
        FloatVector q47 = q67.fma(t2, q45);
        FloatVector q810 = t2.fma(VQ10, q89);
        FloatVector q = q47.fma(t4, q03).add(q810.mul(t8));
        // e^(−a²) with a² rounded: its relative error (≤ a²·u) only touches erfc where erfc is below
        // 1e-7, far under the absolute bound GELU needs. |x| so large that a² overflows gives
        // e^(−∞) = 0 and t = 0, so erfc = 0 without a clamp.
        FloatVector erfc = t.mul(q).mul(expNonPositive(a.mul(a).neg()));
        // 1 + erf(z) is erfc(|z|) below zero and 2 − erfc(|z|) above: one evaluation, no cancellation
        // for negative x, where GELU is tiny and relative accuracy matters most.
        FloatVector onePlusErf = TWO.sub(erfc).blend(erfc, x.compare(VectorOperators.LT, 0f));
        return x.mul(HALF).mul(onePlusErf);
    }
}
