package dev.plumbline.engines.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolerTest {
    // batch 2, seq 3, width 2; sequence 0 has 2 real tokens, sequence 1 has 3.
    private static final float[] HIDDEN = {
        1, 2, 3, 4, 100, 100,
        0, 1, 2, 3, 4, 5,
    };

    @Test
    void meanIgnoresPadding() {
        float[][] v = Pooler.pool(HIDDEN, 2, 3, 2, new int[] {2, 3}, Pooling.MEAN, false);
        assertArrayEquals(new float[] {2, 3}, v[0]);
        assertArrayEquals(new float[] {2, 3}, v[1]);
    }

    @Test
    void clsTakesTheFirstToken() {
        float[][] v = Pooler.pool(HIDDEN, 2, 3, 2, new int[] {2, 3}, Pooling.CLS, false);
        assertArrayEquals(new float[] {1, 2}, v[0]);
        assertArrayEquals(new float[] {0, 1}, v[1]);
    }

    @Test
    void normalizationGivesUnitLength() {
        float[][] v = Pooler.pool(new float[] {3, 4}, 1, 1, 2, new int[] {1}, Pooling.CLS, true);
        assertArrayEquals(new float[] {0.6f, 0.8f}, v[0], 1e-7f);
        assertArrayEquals(new float[] {0, 0}, Pooler.normalize(new float[] {0, 0})); // clamped norm: no NaN
    }

    @Test
    void shapeErrorsNameTheMismatch() {
        assertThrows(IllegalArgumentException.class, () -> Pooler.pool(HIDDEN, 2, 3, 3, new int[] {1, 1}, Pooling.MEAN, true));
        assertThrows(IllegalArgumentException.class, () -> Pooler.pool(HIDDEN, 2, 3, 2, new int[] {0, 1}, Pooling.MEAN, true));
    }
}
