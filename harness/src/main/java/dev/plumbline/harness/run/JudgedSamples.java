package dev.plumbline.harness.run;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Verdict;

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

    /**
     * The judge as a hallucination detector, one rule for {@code judge-eval} and the report's
     * detection quality: {hallucination score, flagged}, where the score is 1 − the weakest answer
     * claim's support and a sample is flagged when any claim is unsupported; {@code null} when a
     * verdict failed (such a sample is not scored as a detection).
     */
    public static double[] detection(Judgment j) {
        double weakest = 1;
        boolean flagged = false;
        for (ClaimVerdict c : j.answerClaims()) {
            if (c.verdict() == Verdict.FAILED) {
                return null;
            }
            if (c.verdict() == Verdict.NO) {
                flagged = true;
            }
            weakest = Math.min(weakest, c.score());
        }
        return new double[] {1 - weakest, flagged ? 1 : 0};
    }
}
