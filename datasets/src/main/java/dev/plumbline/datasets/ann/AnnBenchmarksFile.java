package dev.plumbline.datasets.ann;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A vector-search benchmark in the ann-benchmarks HDF5 layout: datasets {@code train} (corpus,
 * float32 {@code n × d}), {@code test} (queries, float32 {@code q × d}), {@code neighbors} (int32
 * {@code q × k}, the true nearest corpus rows) and, optional here, {@code distances} (float32
 * {@code q × k}); the root attribute {@code distance} names the metric ({@code angular},
 * {@code euclidean}, …). Read with jHDF, a pure-Java HDF5 library, so users can bring the published
 * files (glove-100-angular.hdf5, …) or their own.
 *
 * @param train     corpus vectors
 * @param test      query vectors
 * @param neighbors per query, the true neighbours' row numbers in {@code train}, nearest first
 * @param distances per query, their distances, or {@code null} when the file has none
 * @param distance  the metric from the {@code distance} attribute, or {@code "unknown"}
 */
public record AnnBenchmarksFile(float[][] train, float[][] test, int[][] neighbors, float[][] distances,
                                String distance) {

    /**
     * Reads a file.
     *
     * @throws IllegalArgumentException naming the file and what is missing or of the wrong shape
     */
    public static AnnBenchmarksFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file; give an ann-benchmarks .hdf5 file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            float[][] train = floats(hdf, file, "train", true);
            float[][] test = floats(hdf, file, "test", true);
            int[][] neighbors = ints(hdf, file, "neighbors");
            float[][] distances = floats(hdf, file, "distances", false);
            if (train.length == 0 || test.length == 0) {
                throw new IllegalArgumentException(file + ": train and test must not be empty");
            }
            int dim = train[0].length;
            if (test[0].length != dim) {
                throw new IllegalArgumentException(file + ": test has " + test[0].length + " dimensions, train " + dim);
            }
            if (neighbors.length != test.length) {
                throw new IllegalArgumentException(file + ": neighbors has " + neighbors.length + " rows, test "
                        + test.length + "; one row of neighbours per query");
            }
            for (int[] row : neighbors) {
                for (int n : row) {
                    if (n < 0 || n >= train.length) {
                        throw new IllegalArgumentException(file + ": neighbors holds row " + n + ", outside train's "
                                + train.length + " rows");
                    }
                }
            }
            Attribute a = hdf.getAttribute("distance");
            String distance = a != null ? String.valueOf(a.getData()) : "unknown";
            return new AnnBenchmarksFile(train, test, neighbors, distances, distance);
        }
    }

    private static Dataset dataset(HdfFile hdf, Path file, String name, boolean required) {
        Node node = hdf.getChild(name);
        if (node == null) {
            if (required) {
                throw new IllegalArgumentException(file + ": no dataset '" + name
                        + "'; an ann-benchmarks file has train, test, neighbors (and distances)");
            }
            return null;
        }
        if (!(node instanceof Dataset d) || d.getDimensions().length != 2) {
            throw new IllegalArgumentException(file + ": '" + name + "' must be a 2-dimensional dataset");
        }
        return d;
    }

    private static float[][] floats(HdfFile hdf, Path file, String name, boolean required) {
        Dataset d = dataset(hdf, file, name, required);
        if (d == null) {
            return null;
        }
        Object data = d.getData();
        if (data instanceof float[][] f) {
            return f;
        }
        if (data instanceof double[][] x) {
            // Some converters write float64; the indexes work in float32.
            float[][] f = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                f[i] = new float[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    f[i][j] = (float) x[i][j];
                }
            }
            return f;
        }
        throw new IllegalArgumentException(file + ": '" + name + "' holds " + d.getJavaType().getSimpleName()
                + ", expected float32");
    }

    private static int[][] ints(HdfFile hdf, Path file, String name) {
        Dataset d = dataset(hdf, file, name, true);
        Object data = d.getData();
        if (data instanceof int[][] i) {
            return i;
        }
        if (data instanceof long[][] l) {
            int[][] out = new int[l.length][];
            for (int r = 0; r < l.length; r++) {
                out[r] = new int[l[r].length];
                for (int c = 0; c < l[r].length; c++) {
                    out[r][c] = Math.toIntExact(l[r][c]);
                }
            }
            return out;
        }
        throw new IllegalArgumentException(file + ": '" + name + "' holds " + d.getJavaType().getSimpleName()
                + ", expected int32");
    }
}
