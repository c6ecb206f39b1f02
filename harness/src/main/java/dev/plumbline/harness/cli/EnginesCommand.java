package dev.plumbline.harness.cli;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plumbline engines}: every registered engine with its availability (reason and fix when
 * unavailable) and, for the available ones, the identity it records in results for one model;
 * then the built-in models.
 */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List encoder engines with their availability and identity, and the built-in models.")
public final class EnginesCommand implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--model", defaultValue = "minilm-l6",
            description = "model whose engine identities are shown (opening each engine takes a second)")
    String model;

    @picocli.CommandLine.Option(names = "--no-identity", description = "only list engines, without opening them")
    boolean noIdentity;

    @Override
    public Integer call() throws java.io.IOException {
        System.out.println("engines:");
        for (EngineProvider p : Engines.providers()) {
            Availability a = p.availability();
            System.out.printf(Locale.ROOT, "  %-12s %-11s %s%n", p.name(), a.available() ? "available" : "unavailable",
                    p.describe());
            if (!p.quantizations().isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-12s quantized kernels: %s%n", "",
                        String.join(", ", new java.util.TreeSet<>(p.quantizations())));
            }
            if (!a.available()) {
                System.out.printf(Locale.ROOT, "  %-12s reason: %s%n  %-12s fix: %s%n", "", a.reason(), "", a.fix());
            } else if (!noIdentity) {
                try (dev.plumbline.engines.Engine e = p.open(ModelRegistry.get(model),
                        new dev.plumbline.engines.EngineOptions(Runtime.getRuntime().availableProcessors(), 32))) {
                    System.out.printf(Locale.ROOT, "  %-12s identity: %s%n", "", e.identity().describe());
                }
            }
        }
        System.out.println(Engines.auto().reason());
        System.out.println("models:");
        for (ModelSpec m : ModelRegistry.builtIn()) {
            System.out.printf(Locale.ROOT, "  %-20s %s%n", m.name(), m.description());
        }
        return 0;
    }
}
