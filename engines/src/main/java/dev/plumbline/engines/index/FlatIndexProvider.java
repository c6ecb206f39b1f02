package dev.plumbline.engines.index;

import dev.plumbline.engines.kernels.KernelBackends;

import java.util.Set;

/**
 * {@code flat}: exact FP32 inner-product search ({@link FlatIndex}), the reference every other index
 * is measured against. Option {@code backend}: the kernel backend whose GEMM scores it
 * ({@code simd} by default).
 */
public final class FlatIndexProvider implements VectorIndexProvider {

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public String describe() {
        return "exact FP32 inner product, queries × documents as a blocked GEMM on a kernel backend";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("backend");
    }

    @Override
    public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
        int dim = Parallel.checkVectors(vectors);
        String backend = options.stringValue("backend", KernelBackends.SIMD);
        if (!KernelBackends.names().contains(backend)) {
            throw new IllegalArgumentException(options.keyPath("backend") + ": unknown kernel backend '" + backend
                    + "'; known: " + String.join(", ", KernelBackends.names()));
        }
        FlatIndex index = new FlatIndex(dim, backend);
        for (float[] v : vectors) {
            index.add(v);
        }
        index.freeze();
        return index;
    }
}
