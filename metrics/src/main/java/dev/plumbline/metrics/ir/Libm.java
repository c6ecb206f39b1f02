package dev.plumbline.metrics.ir;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;

/**
 * The C math library's {@code log2}, {@code log} and {@code exp}, called through the FFM API.
 *
 * <p>Why: trec_eval computes nDCG discounts with the platform's {@code log2} and geometric means
 * with {@code log}/{@code exp}. glibc's versions are not correctly rounded for every argument
 * ({@code log2(1621)}, for one, is off by an ulp) and Java's {@code Math} functions differ from
 * glibc in the last bit for a fraction of inputs, so the only way to get trec_eval's per-topic
 * values bit for bit is to call the same functions. Where the C library cannot be reached, the
 * {@code Math} equivalents are used and {@link #isNative()} says so; printed 4-decimal values
 * are then still identical except for values within an ulp of a rounding boundary.
 */
public final class Libm {
    private static final MethodHandle LOG2 = find("log2");
    private static final MethodHandle LOG = find("log");
    private static final MethodHandle EXP = find("exp");
    private static final double LN2 = Math.log(2.0);

    /** {@code log2(i)} for small integers, filled on demand: nDCG calls it once per rank. */
    private static volatile double[] log2Table = new double[0];

    private Libm() {
    }

    private static MethodHandle find(String name) {
        try {
            Linker linker = Linker.nativeLinker();
            Optional<java.lang.foreign.MemorySegment> symbol = linker.defaultLookup().find(name)
                    .or(() -> SymbolLookup.loaderLookup().find(name));
            return symbol.map(s -> linker.downcallHandle(s,
                    FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether the C library's functions are in use (otherwise {@code java.lang.Math}). */
    public static boolean isNative() {
        return LOG2 != null && LOG != null && EXP != null;
    }

    /** C {@code log2(x)}. */
    public static double log2(double x) {
        if (x >= 1 && x < 65536 && x == Math.rint(x)) {
            return log2OfInt((int) x);
        }
        return call(LOG2, x, Math.log(x) / LN2);
    }

    /** C {@code log(x)}. */
    public static double log(double x) {
        return call(LOG, x, Math.log(x));
    }

    /** C {@code exp(x)}. */
    public static double exp(double x) {
        return call(EXP, x, Math.exp(x));
    }

    private static double log2OfInt(int n) {
        double[] table = log2Table;
        if (n >= table.length) {
            table = grow(n);
        }
        return table[n];
    }

    private static synchronized double[] grow(int n) {
        double[] table = log2Table;
        if (n < table.length) {
            return table;
        }
        int size = Math.min(65536, Math.max(1024, Integer.highestOneBit(n) << 1));
        double[] bigger = Arrays.copyOf(table, size);
        for (int i = Math.max(1, table.length); i < size; i++) {
            bigger[i] = call(LOG2, i, Math.log(i) / LN2);
        }
        log2Table = bigger;
        return bigger;
    }

    private static double call(MethodHandle h, double x, double fallback) {
        if (h == null) {
            return fallback;
        }
        try {
            return (double) h.invokeExact(x);
        } catch (Throwable t) {
            throw new IllegalStateException("C math call failed", t);
        }
    }
}
