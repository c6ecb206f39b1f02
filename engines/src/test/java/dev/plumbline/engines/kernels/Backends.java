package dev.plumbline.engines.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The kernel backends the contract tests ({@code *ContractTest}) run over, found through
 * {@link KernelBackends#available()}, never listed by hand: in this module's test JVM that is
 * {@code scalar} and {@code simd} (quantized backends excluded); where another module (e.g. {@code ffm-bindings}) runs these
 * tests from the engines test-jar with its own providers registered, they are covered too.
 *
 * <p>The {@code Stream<Arguments>} helpers put the backend name first, so a test declared
 * {@code @ParameterizedTest(name = "{0} m={1} ...")} shows which backend failed.
 */
public final class Backends {
    private Backends() {
    }

    /** Names of every available backend, {@code scalar} included, sorted. */
    public static List<String> all() {
        // Quantized backends (simd-int8, native-int8, ...) change results by design: they have
        // their own contract (Int8ContractTest) instead of the FP32 tolerances.
        return KernelBackends.available().stream().filter(p -> p.quantizations().isEmpty())
                .map(KernelBackendProvider::name).toList();
    }

    /** Names of the available quantized backends computing in {@code numerics} (e.g. {@code int8-w8a8}), sorted. */
    public static List<String> quantized(String numerics) {
        return KernelBackends.available().stream().filter(p -> p.quantizations().contains(numerics))
                .map(KernelBackendProvider::name).toList();
    }

    /**
     * Names of the available backends other than {@code scalar}, the oracle they are compared
     * against, sorted.
     *
     * @throws IllegalStateException when there is none (a contract suite that tests nothing must
     *                               fail, not pass): the message lists every registered backend and
     *                               why it cannot run
     */
    public static List<String> fast() {
        List<String> fast = all().stream().filter(n -> !n.equals(KernelBackends.SCALAR)).toList();
        if (fast.isEmpty()) {
            throw new IllegalStateException("no kernel backend besides scalar is available in this JVM, so the "
                    + "contract tests would test nothing; registered: " + KernelBackends.providers().stream()
                    .map(p -> p.name() + (p.availability().available() ? " (available)"
                            : " (" + KernelBackends.unavailableReason(p.name()).orElse("") + ")"))
                    .collect(Collectors.joining(", ")));
        }
        return fast;
    }

    /** One argument set per fast backend: just its name. */
    public static Stream<Arguments> fastArguments() {
        return fast().stream().map(Arguments::of);
    }

    /** One argument set per available backend, {@code scalar} included: just its name. */
    public static Stream<Arguments> allArguments() {
        return all().stream().map(Arguments::of);
    }

    /** Every fast backend with every shape: {@code (backend, shape...)}, grouped by backend. */
    public static Stream<Arguments> fastWith(Stream<Arguments> shapes) {
        return cross(fast(), shapes);
    }

    /** {@link #fastWith(Stream)} over single values, e.g. sizes: {@code (backend, value)}. */
    public static Stream<Arguments> fastWith(Object... values) {
        return fastWith(Stream.of(values).map(Arguments::of));
    }

    /** Every available backend, {@code scalar} included, with every shape: {@code (backend, shape...)}. */
    public static Stream<Arguments> allWith(Stream<Arguments> shapes) {
        return cross(all(), shapes);
    }

    /** {@link #allWith(Stream)} over single values: {@code (backend, value)}. */
    public static Stream<Arguments> allWith(Object... values) {
        return allWith(Stream.of(values).map(Arguments::of));
    }

    /** Every ordered pair of distinct available backends, {@code scalar} included: {@code (a, b)}. */
    public static Stream<Arguments> allPairs() {
        fast(); // at least one pair, or the reason why not
        List<String> all = all();
        List<Arguments> pairs = new ArrayList<>();
        for (String a : all) {
            for (String b : all) {
                if (!a.equals(b)) {
                    pairs.add(Arguments.of(a, b));
                }
            }
        }
        return pairs.stream();
    }

    /** {@code (backend, shape...)} for every backend of {@code names} and every shape. */
    public static Stream<Arguments> cross(List<String> names, Stream<Arguments> shapes) {
        List<Arguments> list = shapes.toList();
        List<Arguments> out = new ArrayList<>(names.size() * list.size());
        for (String name : names) {
            for (Arguments shape : list) {
                Object[] values = shape.get();
                Object[] row = new Object[values.length + 1];
                row[0] = name;
                System.arraycopy(values, 0, row, 1, values.length);
                out.add(Arguments.of(row));
            }
        }
        return out.stream();
    }
}
