package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.Judge;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registry of {@link JudgeProvider}s, found through {@link ServiceLoader}: the one place that
 * turns a judge's name into a judge for {@code run}, {@code demo} and {@code judge}.
 */
public final class Judges {
    private Judges() {
    }

    /** Every provider on the class path, in the order the service file lists them. */
    public static List<JudgeProvider> providers() {
        List<JudgeProvider> all = new ArrayList<>();
        ServiceLoader.load(JudgeProvider.class, Judges.class.getClassLoader()).forEach(all::add);
        return all;
    }

    /** The providers' names. */
    public static List<String> names() {
        return providers().stream().map(JudgeProvider::name).toList();
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known judges when none has that name
     */
    public static JudgeProvider provider(String name) {
        for (JudgeProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown judge '" + name + "'; use one of " + String.join(", ", names()));
    }

    /** Checks {@code settings}, then opens the judge {@code name}; the caller closes it. */
    public static Judge open(String name, JudgeSettings settings) {
        JudgeProvider p = provider(name);
        p.check(settings);
        return p.open(settings);
    }
}
