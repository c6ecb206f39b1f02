package dev.plumbline.ffm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Native top-k gives exactly a full sort's first k: larger first, ties to the smaller index, NaN last. */
class NativeTopKTest {
    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    @Test
    void matchesASortOnOddSizesTiesAndNaN() {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 7, 13, 100, 1023, 4099, 20_000}) {
            float[] scores = new float[n + 5];
            for (int i = 0; i < scores.length; i++) {
                // Few distinct values, so ties are common.
                scores[i] = r.nextInt(50) / 7f;
            }
            scores[5 + n / 2] = Float.NaN;
            for (int k : new int[] {1, 3, 10, 100, n, n + 3}) {
                Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
                float[] block = Arrays.copyOfRange(scores, 5, 5 + n);
                Arrays.sort(order, Comparator.<Integer>comparingInt(i -> Float.isNaN(block[i]) ? 1 : 0)
                        .thenComparing(i -> -block[i]).thenComparingInt(i -> i));
                int want = Math.min(k, n);
                int[] idx = new int[want];
                float[] vals = new float[want];
                NativeAssumptions.atEveryIsa(isa -> {
                    int got = NativeTopK.topK(scores, 5, n, k, idx, vals);
                    assertEquals(want, got);
                    int[] expectedIdx = new int[want];
                    float[] expectedVals = new float[want];
                    for (int i = 0; i < want; i++) {
                        expectedIdx[i] = order[i];
                        expectedVals[i] = block[order[i]];
                    }
                    assertArrayEquals(expectedIdx, idx, isa + " n=" + n + " k=" + k);
                    assertArrayEquals(expectedVals, vals, 0f, isa + " n=" + n + " k=" + k);
                });
            }
        }
    }

    @Test
    void badArgumentsAreExceptions() {
        float[] s = new float[10];
        assertThrows(IllegalArgumentException.class, () -> NativeTopK.topK(s, 5, 6, 1, new int[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> NativeTopK.topK(s, 0, 10, 3, new int[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> NativeTopK.topK(s, -1, 1, 1, new int[1], new float[1]));
        assertEquals(0, NativeTopK.topK(s, 0, 10, 0, new int[0], new float[0]));
    }
}
