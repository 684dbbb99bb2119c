package io.keras4j.losses;

import io.keras4j.engine.FastMath;

/**
 * {@code keras.losses.CategoricalCrossentropy(from_logits=False, label_smoothing=0.0,
 * reduction="sum_over_batch_size")} with one-hot (or soft) targets.
 * <pre>
 * label_smoothing: y = y * (1 - label_smoothing) + label_smoothing / num_classes
 * probabilities: q = p / sum(p);  c = clip(q, 1e-7, 1 - 1e-7);  loss = -sum_j y_j log c_j
 * from_logits:   loss = -sum_j y_j (x_j - logsumexp(x))
 * </pre>
 * The gradient flows through the renormalisation, as it does in Keras.
 */
public class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private float labelSmoothing;

    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this("categorical_crossentropy", fromLogits);
    }

    CategoricalCrossentropy(String name, boolean fromLogits) {
        super(name);
        this.fromLogits = fromLogits;
    }

    /** {@code CategoricalCrossentropy(from_logits, label_smoothing)}. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits);
        labelSmoothing(labelSmoothing);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Mixes the targets with the uniform distribution: {@code y * (1 - s) + s / num_classes} (default 0). */
    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = LossUtil.smoothing(name(), labelSmoothing);
        return this;
    }

    public double getLabelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public CategoricalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** The target weight of class {@code j}, after label smoothing. */
    private float target(float[] y, int yo, int j, int c) {
        float t = rawTarget(y, yo, j);
        return labelSmoothing == 0 ? t : t * (1 - labelSmoothing) + labelSmoothing / c;
    }

    /** The target weight of class {@code j} (overridden for sparse labels). */
    float rawTarget(float[] y, int yo, int j) {
        return y[yo + j];
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        if (fromLogits) {
            double lse = logSumExp(p, po, c);
            for (int j = 0; j < c; j++) {
                float t = target(y, yo, j, c);
                if (t != 0) s -= t * (p[po + j] - lse);
            }
        } else {
            double sum = 0;
            for (int j = 0; j < c; j++) sum += p[po + j];
            for (int j = 0; j < c; j++) {
                float t = target(y, yo, j, c);
                if (t != 0) s -= t * FastMath.log(clip((float) (p[po + j] / sum)));
            }
        }
        return s;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        if (fromLogits) {
            double lse = logSumExp(p, po, c);
            double tsum = 0;
            for (int j = 0; j < c; j++) tsum += target(y, yo, j, c);
            for (int j = 0; j < c; j++) {
                dp[dpo + j] += scale * (float) (Math.exp(p[po + j] - lse) * tsum - target(y, yo, j, c));
            }
            return;
        }
        double sum = 0;
        for (int j = 0; j < c; j++) sum += p[po + j];
        // dL/dq_j = -y_j / q_j where q_j is inside the clip; dL/dp_k = (dL/dq_k - sum_j dL/dq_j q_j) / sum
        double dot = 0;
        for (int j = 0; j < c; j++) {
            float q = (float) (p[po + j] / sum);
            float t = target(y, yo, j, c);
            if (t != 0 && inside(q)) dot += -t;   // (-t/q) * q
        }
        for (int k = 0; k < c; k++) {
            float q = (float) (p[po + k] / sum);
            float t = target(y, yo, k, c);
            double dq = t != 0 && inside(q) ? -t / q : 0;
            dp[dpo + k] += scale * (float) ((dq - dot) / sum);
        }
    }

    private static double logSumExp(float[] x, int o, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) max = Math.max(max, x[o + j]);
        double s = 0;
        for (int j = 0; j < c; j++) s += Math.exp(x[o + j] - max);
        return max + Math.log(s);
    }
}
