package dev.plumbline.datasets.ann;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files are written here with jHDF's writer, in the ann-benchmarks layout; nothing binary is committed. */
class AnnBenchmarksFileTest {
    @TempDir
    Path dir;

    private static final float[][] TRAIN = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6f, 0.8f, 0}};
    private static final float[][] TEST = {{0.8f, 0.6f, 0}, {0, 0, -1}};
    private static final int[][] NEIGHBORS = {{3, 0}, {0, 1}};
    private static final float[][] DISTANCES = {{0.04f, 0.2f}, {1, 1}};

    @Test
    void readsTrainTestNeighborsDistancesAndTheMetric() {
        Path file = dir.resolve("tiny-3-angular.hdf5");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("train", TRAIN);
            w.putDataset("test", TEST);
            w.putDataset("neighbors", NEIGHBORS);
            w.putDataset("distances", DISTANCES);
            w.putAttribute("distance", "angular");
        }
        AnnBenchmarksFile f = AnnBenchmarksFile.read(file);
        assertEquals(4, f.train().length);
        for (int i = 0; i < TRAIN.length; i++) {
            assertArrayEquals(TRAIN[i], f.train()[i]);
        }
        assertArrayEquals(TEST[1], f.test()[1]);
        assertArrayEquals(NEIGHBORS[0], f.neighbors()[0]);
        assertArrayEquals(DISTANCES[0], f.distances()[0]);
        assertEquals("angular", f.distance());
    }

    @Test
    void distancesAndMetricAreOptionalButNeighborsAreChecked() {
        Path file = dir.resolve("bare.hdf5");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("train", TRAIN);
            w.putDataset("test", TEST);
            w.putDataset("neighbors", NEIGHBORS);
        }
        AnnBenchmarksFile f = AnnBenchmarksFile.read(file);
        assertNull(f.distances());
        assertEquals("unknown", f.distance());

        Path bad = dir.resolve("bad.hdf5");
        try (WritableHdfFile w = HdfFile.write(bad)) {
            w.putDataset("train", TRAIN);
            w.putDataset("test", TEST);
            w.putDataset("neighbors", new int[][] {{9}, {0}});
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnnBenchmarksFile.read(bad));
        assertTrue(e.getMessage().endsWith("neighbors holds row 9, outside train's 4 rows"), e.getMessage());

        Path missing = dir.resolve("missing.hdf5");
        try (WritableHdfFile w = HdfFile.write(missing)) {
            w.putDataset("train", TRAIN);
        }
        e = assertThrows(IllegalArgumentException.class, () -> AnnBenchmarksFile.read(missing));
        assertTrue(e.getMessage().endsWith("no dataset 'test'; an ann-benchmarks file has train, test, neighbors"
                + " (and distances)"), e.getMessage());
    }
}
