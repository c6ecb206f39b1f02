package dev.plumbline.harness.run;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.metrics.rag.RagInput;

import java.util.List;

/**
 * The samples a judge looks at and its view of each, one definition for the run pipeline and the
 * {@code judge}, {@code judge-eval}, {@code judge-fit} and {@code bench judge} commands.
 */
public final class JudgedSamples {
    private JudgedSamples() {
    }

    /** Samples with a response to judge, in dataset order. */
    public static List<RagSample> answered(Dataset d) {
        return d.samples().stream().filter(s -> s.response() != null).toList();
    }

    /** The judge's view of a sample: RAGAS fields, with the response as the answer. */
    public static RagInput input(RagSample s) {
        return new RagInput(s.id(), s.userInput(), s.response() == null ? "" : s.response(), s.retrievedContexts(),
                s.reference());
    }
}
