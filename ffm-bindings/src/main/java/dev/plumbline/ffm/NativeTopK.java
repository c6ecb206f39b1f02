package dev.plumbline.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Top-k over a block of scores in C ({@code plumbline_topk_f32}), for the flat index: the k
 * largest, best first, ties to the smaller index, NaN below every number — the order of the
 * engines module's {@code TopK}.
 */
public final class NativeTopK {
    private NativeTopK() {
    }

    /**
     * The best {@code min(k, n)} of {@code scores[from, from + n)}: indices (relative to
     * {@code from}) into {@code idx}, scores into {@code vals}, best first.
     *
     * @return how many were written
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    public static int topK(float[] scores, int from, int n, int k, int[] idx, float[] vals) {
        if (from < 0 || n < 0 || k < 0 || (long) from + n > scores.length) {
            throw new IllegalArgumentException("need 0 <= from, 0 <= n, from + n <= scores.length and k >= 0; got from="
                    + from + ", n=" + n + ", k=" + k + ", length " + scores.length);
        }
        int out = Math.min(k, n);
        if (idx.length < out || vals.length < out) {
            throw new IllegalArgumentException("idx and vals must hold min(k, n) = " + out + " entries");
        }
        NativeLibrary.get();
        if (out == 0) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            return PlumblineC.topkF32(MemorySegment.ofArray(scores).asSlice((long) from * Float.BYTES,
                    (long) n * Float.BYTES), n, k, MemorySegment.ofArray(idx), MemorySegment.ofArray(vals), count);
        }
    }
}
