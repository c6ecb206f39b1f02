package dev.plumbline.engines.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * {@code lucene-hnsw}: Lucene 10.6's HNSW graph over {@code KnnFloatVectorField}s
 * ({@link LuceneHnswIndex}), the approximate index a Java user would reach for.
 *
 * <p>Options: {@code m} (graph degree, 16), {@code beamWidth} (build-time candidates, 100),
 * {@code efSearch} (search-time candidates, Lucene's {@code k} of the query, 100; at least the k asked
 * for), {@code quantization} ({@code none}; {@code int7}, {@code int8}, {@code int4}: Lucene 10.6's
 * {@code Lucene104HnswScalarQuantizedVectorsFormat} with encoding {@code SEVEN_BIT},
 * {@code UNSIGNED_BYTE}, {@code PACKED_NIBBLE}; {@code binary}: the same format with
 * {@code SINGLE_BIT_QUERY_NIBBLE}, 1-bit documents and 4-bit queries, which is what 10.6 has in
 * place of the 10.x {@code Lucene102HnswBinaryQuantizedVectorsFormat}) and {@code rescore}
 * (quantized formats only: score the {@code efSearch} candidates again with the FP32 vectors Lucene
 * keeps beside the codes; false by default, so the figures are Lucene's own).
 */
public final class LuceneHnswIndexProvider implements VectorIndexProvider {

    /** The quantization choices, in the order documented. */
    static final Set<String> QUANTIZATIONS = Set.of("none", "int7", "int8", "int4", "binary");

    @Override
    public String name() {
        return "lucene-hnsw";
    }

    @Override
    public String describe() {
        return "Lucene 10.6 HNSW (KnnFloatVectorField), FP32 or Lucene's scalar/binary-quantized formats";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("m", "beamWidth", "efSearch", "quantization", "rescore");
    }

    @Override
    public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
        Parallel.checkVectors(vectors);
        int m = options.intValue("m", Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN);
        if (m < 2 || m > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException(options.keyPath("m") + ": must be in 2.."
                    + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + ", got " + m);
        }
        int beamWidth = options.intValue("beamWidth", Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH);
        if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException(options.keyPath("beamWidth") + ": must be in 1.."
                    + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
        }
        int efSearch = options.intValue("efSearch", 100);
        if (efSearch < 1) {
            throw new IllegalArgumentException(options.keyPath("efSearch") + ": must be >= 1, got " + efSearch);
        }
        String quantization = options.stringValue("quantization", "none").toLowerCase(Locale.ROOT);
        if (!QUANTIZATIONS.contains(quantization)) {
            throw new IllegalArgumentException(options.keyPath("quantization") + ": expected one of none, int7, int8,"
                    + " int4, binary; got '" + quantization + "'");
        }
        boolean rescore = options.booleanValue("rescore", false);
        if (rescore && quantization.equals("none")) {
            throw new IllegalArgumentException(options.keyPath("rescore") + ": only quantized formats rescore;"
                    + " set " + options.keyPath("quantization") + " or drop rescore");
        }
        return LuceneHnswIndex.build(vectors, m, beamWidth, efSearch, quantization, rescore, threads);
    }

    /** The codec writing every vector field with the chosen HNSW format. */
    static Codec codec(int m, int beamWidth, String quantization, int mergeWorkers, ExecutorService executor) {
        KnnVectorsFormat format = switch (quantization) {
            case "none" -> new Lucene99HnswVectorsFormat(m, beamWidth, mergeWorkers, executor);
            case "int7" -> quantized(ScalarEncoding.SEVEN_BIT, m, beamWidth, mergeWorkers, executor);
            case "int8" -> quantized(ScalarEncoding.UNSIGNED_BYTE, m, beamWidth, mergeWorkers, executor);
            case "int4" -> quantized(ScalarEncoding.PACKED_NIBBLE, m, beamWidth, mergeWorkers, executor);
            case "binary" -> quantized(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m, beamWidth, mergeWorkers, executor);
            default -> throw new IllegalArgumentException("unknown quantization " + quantization);
        };
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    private static KnnVectorsFormat quantized(ScalarEncoding encoding, int m, int beamWidth, int workers,
                                              ExecutorService executor) {
        return new Lucene104HnswScalarQuantizedVectorsFormat(encoding, m, beamWidth, workers, executor);
    }
}
