package dev.plumbline.engines.rerank;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

/**
 * The {@code backend} and {@code threads} options of rerankers that run an encoder on the
 * project's kernels ({@code maxsim}, {@code cross-encoder}): checked and opened the same way.
 */
final class KernelOptions {
    private KernelOptions() {
    }

    /** The kernel backend's name (default {@code simd}), checked against the registry. */
    static String backend(StageConfig c) {
        String backend = c.stringValue("backend", KernelBackends.SIMD);
        if (!KernelBackends.names().contains(backend)) {
            throw new IllegalArgumentException(c.keyPath("backend") + ": unknown kernel backend '" + backend
                    + "'; known: " + String.join(", ", KernelBackends.names()));
        }
        return backend;
    }

    /** Worker threads, 1 to 1024 (default: the available processors). */
    static int threads(StageConfig c) {
        return c.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    }

    /** Checks both options. */
    static void check(StageConfig c) {
        backend(c);
        threads(c);
    }

    /** Opens the configured backend; the caller closes it. */
    static Kernels open(StageConfig c) {
        return KernelBackends.create(backend(c), threads(c));
    }
}
