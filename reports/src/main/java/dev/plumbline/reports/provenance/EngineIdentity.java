package dev.plumbline.reports.provenance;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which engine produced a run, precisely enough to tell two configurations apart.
 *
 * @param name               the engine's name as used in the results ({@code simd}, {@code bm25})
 * @param kernelBackend      the kernel backend ({@code simd}, {@code native}, ...), empty if none
 * @param quantization       quantization format ({@code int8}, {@code int4}), empty for full precision
 * @param nativeLibrarySha256 SHA-256 of the native library loaded, empty if none
 * @param modelFile          model file path as given, empty if none
 * @param modelSha256        SHA-256 of the model file, empty if none
 * @param details            anything else that identifies the configuration (index parameters, top-k), sorted
 */
public record EngineIdentity(String name, String kernelBackend, String quantization, String nativeLibrarySha256,
                             String modelFile, String modelSha256, Map<String, String> details) {
    /** Normalizes missing text to empty and sorts the details. */
    public EngineIdentity {
        kernelBackend = nullToEmpty(kernelBackend);
        quantization = nullToEmpty(quantization);
        nativeLibrarySha256 = nullToEmpty(nativeLibrarySha256);
        modelFile = nullToEmpty(modelFile);
        modelSha256 = nullToEmpty(modelSha256);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** An engine known only by name, with details (e.g. a TREC run file scored as is). */
    public static EngineIdentity named(String name, Map<String, String> details) {
        return new EngineIdentity(name, "", "", "", "", "", details);
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
