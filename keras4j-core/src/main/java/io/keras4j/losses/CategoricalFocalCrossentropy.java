package io.keras4j.losses;

/**
 * {@code keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0, from_logits=False,
 * label_smoothing=0.0, reduction="sum_over_batch_size")}, one-hot (or soft) targets.
 * <pre>
 * y = y * (1 - label_smoothing) + label_smoothing / num_classes
 * o = from_logits ? softmax(p) : p
 * q = clip(o / sum(o), 1e-7, 1 - 1e-7)
 * loss = sum_j alpha * (1 - q_j)^gamma * (-y_j log q_j)
 * </pre>
 */
public final class CategoricalFocalCrossentropy extends Loss {
    private double alpha = 0.25, gamma = 2.0;
    private boolean fromLogits;
    private float labelSmoothing;

    public CategoricalFocalCrossentropy() {
        super("categorical_focal_crossentropy");
    }

    /** {@code CategoricalFocalCrossentropy(alpha, gamma)}. */
    public CategoricalFocalCrossentropy(double alpha, double gamma) {
        this();
        alpha(alpha).gamma(gamma);
    }

    /** The weight of every class (default 0.25). */
    public CategoricalFocalCrossentropy alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The focusing parameter; 0 gives alpha times the categorical cross-entropy (default 2). */
    public CategoricalFocalCrossentropy gamma(double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("categorical_focal_crossentropy: gamma must be >= 0, got " + gamma);
        this.gamma = gamma;
        return this;
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public CategoricalFocalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Mixes the targets with the uniform distribution: {@code y * (1 - s) + s / num_classes} (default 0). */
    public CategoricalFocalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = LossUtil.smoothing(name(), labelSmoothing);
        return this;
    }

    @Override
    public CategoricalFocalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    private double target(float[] y, int yo, int j, int c) {
        float t = y[yo + j];
        return labelSmoothing == 0 ? t : t * (1.0 - labelSmoothing) + (double) labelSmoothing / c;
    }

    /** o = softmax(p) for logits, else p: the max and the sum of exp for the softmax, or 0 and NaN. */
    private double output(float[] p, int po, int j, double max, double expSum) {
        return fromLogits ? Math.exp(p[po + j] - max) / expSum : p[po + j];
    }

    private double maxOf(float[] p, int po, int c) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) m = Math.max(m, p[po + j]);
        return m;
    }

    private double expSum(float[] p, int po, int c, double max) {
        double s = 0;
        for (int j = 0; j < c; j++) s += Math.exp(p[po + j] - max);
        return s;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double max = fromLogits ? maxOf(p, po, c) : 0, es = fromLogits ? expSum(p, po, c, max) : 0, sum = 0;
        for (int j = 0; j < c; j++) sum += output(p, po, j, max, es);
        double s = 0;
        for (int j = 0; j < c; j++) {
            double t = target(y, yo, j, c);
            if (t == 0) continue;
            double q = clip((float) (output(p, po, j, max, es) / sum));
            s += alpha * Math.pow(1 - q, gamma) * (-t * Math.log(q));
        }
        return s;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        double max = fromLogits ? maxOf(p, po, c) : 0, es = fromLogits ? expSum(p, po, c, max) : 0, sum = 0;
        for (int j = 0; j < c; j++) sum += output(p, po, j, max, es);
        // dL/dq_j (inside the clip), then through q = o / sum(o): dL/do_k = (dq_k - sum_j dq_j q_j) / sum
        double dot = 0;
        for (int j = 0; j < c; j++) {
            double qr = output(p, po, j, max, es) / sum;
            dot += dq(y, yo, j, c, qr) * qr;
        }
        double odot = 0;
        if (fromLogits) {
            for (int j = 0; j < c; j++) {
                double o = output(p, po, j, max, es);
                odot += (dq(y, yo, j, c, o / sum) - dot) / sum * o;
            }
        }
        for (int k = 0; k < c; k++) {
            double o = output(p, po, k, max, es);
            double dO = (dq(y, yo, k, c, o / sum) - dot) / sum;
            double d = fromLogits ? o * (dO - odot) : dO;     // through the softmax
            dp[dpo + k] += scale * (float) d;
        }
    }

    /** d loss / d q_j at the unclipped q_j (0 where the clip holds it). */
    private double dq(float[] y, int yo, int j, int c, double qRaw) {
        double t = target(y, yo, j, c);
        float qf = (float) qRaw;
        if (t == 0 || !inside(qf)) return 0;
        double q = qf, u = 1 - q;
        double dmod = gamma == 0 ? 0 : -gamma * Math.pow(u, gamma - 1);
        return alpha * t * (dmod * -Math.log(q) - Math.pow(u, gamma) / q);
    }
}
