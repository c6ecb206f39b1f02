package dev.plumbline.engines.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded training loop: each epoch visits the examples in an order drawn from the seed,
 * accumulates the mean gradient of a mini-batch, and takes one {@link AdamW} step per batch. For
 * a given seed the trained arrays are the same bits on every run (FP64, one thread, fixed order).
 */
public final class Trainer {
    /** One labelled sequence: token ids, token types and the class. */
    public record Example(int[] ids, int[] types, int label) {
    }

    /**
     * Settings.
     *
     * @param epochs       passes over the examples
     * @param batchSize    examples per step
     * @param lr           peak learning rate
     * @param weightDecay  AdamW's decoupled decay
     * @param warmupShare  share of the steps spent warming the learning rate up
     * @param seed         the visiting order's seed
     */
    public record Settings(int epochs, int batchSize, double lr, double weightDecay, double warmupShare, long seed) {
        /** Checks the ranges. */
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(lr > 0) || weightDecay < 0 || warmupShare < 0 || warmupShare >= 1) {
                throw new IllegalArgumentException("training needs epochs >= 1, batch size >= 1, lr > 0, weight decay"
                        + " >= 0 and a warm-up share in [0, 1); got " + this);
            }
        }
    }

    /** Told after every optimizer step; returning false stops training there. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * @param step  steps taken so far (1 after the first)
         * @param total steps the settings plan
         * @param loss  the step's mean loss
         */
        boolean afterStep(int step, int total, double loss);
    }

    private Trainer() {
    }

    /** Trains {@code model} in place and returns the mean loss of every step, in order. */
    public static List<Double> train(TrainableModel model, List<Example> examples, Settings s) {
        return train(model, examples, s, (step, total, loss) -> true);
    }

    /**
     * As {@link #train(TrainableModel, List, Settings)}, telling {@code listener} after each step.
     * Stopping early leaves exactly the arrays a full run has after that step (the learning-rate
     * schedule is planned for the whole run either way).
     */
    public static List<Double> train(TrainableModel model, List<Example> examples, Settings s,
                                     StepListener listener) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int stepsPerEpoch = Math.ceilDiv(examples.size(), s.batchSize());
        int total = stepsPerEpoch * s.epochs();
        AdamW opt = new AdamW(s.lr(), 0.9, 0.999, 1e-8, s.weightDecay(), (int) Math.round(total * s.warmupShare()),
                total);
        List<double[][]> params = model.parameters();
        for (double[][] p : params) {
            opt.add(p[0], p[1]);
        }
        SplittableRandom rng = new SplittableRandom(s.seed());
        List<Double> losses = new ArrayList<>();
        int[] order = new int[examples.size()];
        for (int e = 0; e < s.epochs(); e++) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates with the seeded stream
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += s.batchSize()) {
                int to = Math.min(order.length, from + s.batchSize());
                model.zeroGrad();
                double loss = 0;
                for (int i = from; i < to; i++) {
                    Example x = examples.get(order[i]);
                    loss += model.lossAndBackward(x.ids(), x.types(), x.label());
                }
                double inv = 1.0 / (to - from);
                for (double[][] p : params) {
                    for (int i = 0; i < p[1].length; i++) {
                        p[1][i] *= inv;
                    }
                }
                opt.step();
                model.parametersUpdated();
                losses.add(loss * inv);
                if (!listener.afterStep(losses.size(), total, loss * inv)) {
                    return losses;
                }
            }
        }
        return losses;
    }
}
