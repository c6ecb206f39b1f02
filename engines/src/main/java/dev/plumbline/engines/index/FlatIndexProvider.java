package dev.plumbline.engines.index;

import java.util.Set;

/** {@code flat}: exact FP32 inner-product search ({@link FlatIndex}), the reference every other index is measured against. */
public final class FlatIndexProvider implements VectorIndexProvider {

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public String describe() {
        return "exact FP32 inner product, blocked over documents and queries";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of();
    }

    @Override
    public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("cannot build an index over no vectors");
        }
        FlatIndex index = new FlatIndex(vectors[0].length);
        for (float[] v : vectors) {
            index.add(v);
        }
        return index;
    }
}
