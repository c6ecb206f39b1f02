package dev.plumbline.engines.index;

import java.util.Set;

/**
 * The quantized flat indexes: {@code int8} and {@code int4} ({@link ScalarQuantizedIndex}) and
 * {@code binary} ({@link BinaryIndex}), each scanning compact codes and, with {@code rescore=true}
 * (the default), rescoring the top {@code k × oversample} candidates in FP32.
 */
public final class QuantizedIndexProviders {
    private QuantizedIndexProviders() {
    }

    static int oversample(IndexOptions options, int fallback) {
        int o = options.intValue("oversample", fallback);
        if (o < 1) {
            throw new IllegalArgumentException(options.keyPath("oversample") + ": must be >= 1, got " + o);
        }
        return o;
    }

    static double clip(IndexOptions options, double fallback) {
        double c = options.doubleValue("clip", fallback);
        if (!(c >= 0 && c < 0.5)) {
            throw new IllegalArgumentException(options.keyPath("clip") + ": a fraction in [0, 0.5), got " + c);
        }
        return c;
    }

    /** {@code int8}: 8-bit scalar quantization; options {@code rescore}, {@code oversample} (4), {@code clip} (0). */
    public static final class Int8 implements VectorIndexProvider {
        @Override
        public String name() {
            return "int8";
        }

        @Override
        public String describe() {
            return "int8 scalar quantization (per-dimension ranges), int dot products, optional FP32 rescoring";
        }

        @Override
        public Set<String> optionNames() {
            return Set.of("rescore", "oversample", "clip");
        }

        @Override
        public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
            return new ScalarQuantizedIndex(vectors, 8, clip(options, 0), options.booleanValue("rescore", true),
                    oversample(options, 4), threads);
        }
    }

    /** {@code int4}: 4-bit scalar quantization; options {@code rescore}, {@code oversample} (8), {@code clip} (0.001). */
    public static final class Int4 implements VectorIndexProvider {
        @Override
        public String name() {
            return "int4";
        }

        @Override
        public String describe() {
            return "int4 scalar quantization (per-dimension ranges, packed nibbles), optional FP32 rescoring";
        }

        @Override
        public Set<String> optionNames() {
            return Set.of("rescore", "oversample", "clip");
        }

        @Override
        public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
            return new ScalarQuantizedIndex(vectors, 4, clip(options, 0.001), options.booleanValue("rescore", true),
                    oversample(options, 8), threads);
        }
    }

    /** {@code binary}: sign bits and Hamming distance; options {@code rescore}, {@code oversample} (10), {@code center}. */
    public static final class Binary implements VectorIndexProvider {
        @Override
        public String name() {
            return "binary";
        }

        @Override
        public String describe() {
            return "binary quantization (sign bits around the corpus mean), Hamming via Long.bitCount, optional FP32 rescoring";
        }

        @Override
        public Set<String> optionNames() {
            return Set.of("rescore", "oversample", "center");
        }

        @Override
        public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
            return new BinaryIndex(vectors, options.booleanValue("center", true), options.booleanValue("rescore", true),
                    oversample(options, 10), threads);
        }
    }
}
