package dev.plumbline.engines.train;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter 2019: Adam with weight decay applied to the weights, not added to
 * the gradient) over a fixed list of parameter arrays, with a learning rate that rises linearly
 * over {@code warmupSteps} and then falls linearly to zero at {@code totalSteps}.
 */
public final class AdamW {
    private final List<double[]> params = new ArrayList<>();
    private final List<double[]> grads = new ArrayList<>();
    private final List<double[]> m = new ArrayList<>();
    private final List<double[]> v = new ArrayList<>();
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final int warmupSteps;
    private final int totalSteps;
    private int step;

    /**
     * @param lr          peak learning rate
     * @param weightDecay decoupled decay per step, times the learning rate
     */
    public AdamW(double lr, double beta1, double beta2, double epsilon, double weightDecay, int warmupSteps,
                 int totalSteps) {
        if (!(lr > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(epsilon > 0) || weightDecay < 0
                || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("AdamW needs lr > 0, betas in [0, 1), epsilon > 0, weight decay >= 0,"
                    + " warm-up >= 0 and total steps >= 1");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    /** Adds a parameter array and the array its gradient accumulates in (same length). */
    public void add(double[] param, double[] grad) {
        if (param.length != grad.length) {
            throw new IllegalArgumentException("parameter of " + param.length + " with a gradient of " + grad.length);
        }
        params.add(param);
        grads.add(grad);
        m.add(new double[param.length]);
        v.add(new double[param.length]);
    }

    /** The learning rate of step {@code t} (1-based). */
    public double rate(int t) {
        if (t <= warmupSteps) {
            return lr * t / warmupSteps;
        }
        return lr * Math.max(0, (double) (totalSteps - t) / Math.max(1, totalSteps - warmupSteps));
    }

    /** One update from the accumulated gradients (which the caller then clears). */
    public void step() {
        step++;
        double rate = rate(step);
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int a = 0; a < params.size(); a++) {
            double[] p = params.get(a);
            double[] g = grads.get(a);
            double[] ma = m.get(a);
            double[] va = v.get(a);
            for (int i = 0; i < p.length; i++) {
                ma[i] = beta1 * ma[i] + (1 - beta1) * g[i];
                va[i] = beta2 * va[i] + (1 - beta2) * g[i] * g[i];
                double update = (ma[i] / c1) / (Math.sqrt(va[i] / c2) + epsilon);
                p[i] -= rate * (update + weightDecay * p[i]);
            }
        }
    }

    /** Steps taken. */
    public int steps() {
        return step;
    }
}
