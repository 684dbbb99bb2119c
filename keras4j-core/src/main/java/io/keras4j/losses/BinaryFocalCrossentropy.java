package io.keras4j.losses;

/**
 * {@code keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=2.0,
 * from_logits=False, label_smoothing=0.0, reduction="sum_over_batch_size")}.
 * <pre>
 * y = y * (1 - label_smoothing) + 0.5 * label_smoothing
 * o = from_logits ? sigmoid(p) : p;  q = clip(o, 1e-7, 1 - 1e-7)
 * bce = -(y log q + (1 - y) log(1 - q))
 * p_t = y o + (1 - y)(1 - o)
 * focal = (1 - p_t)^gamma * bce                  apply_class_balancing: * (y alpha + (1 - y)(1 - alpha))
 * loss = mean_j focal_j
 * </pre>
 */
public final class BinaryFocalCrossentropy extends Loss {
    private boolean applyClassBalancing, fromLogits;
    private double alpha = 0.25, gamma = 2.0;
    private float labelSmoothing;

    public BinaryFocalCrossentropy() {
        super("binary_focal_crossentropy");
    }

    /** {@code BinaryFocalCrossentropy(apply_class_balancing, alpha, gamma)}. */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma) {
        this();
        applyClassBalancing(applyClassBalancing).alpha(alpha).gamma(gamma);
    }

    /** Weighs class 1 by alpha and class 0 by 1 - alpha (default false). */
    public BinaryFocalCrossentropy applyClassBalancing(boolean applyClassBalancing) {
        this.applyClassBalancing = applyClassBalancing;
        return this;
    }

    /** The weight of class 1 when balancing (default 0.25). */
    public BinaryFocalCrossentropy alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The focusing parameter; 0 gives the binary cross-entropy (default 2). */
    public BinaryFocalCrossentropy gamma(double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("binary_focal_crossentropy: gamma must be >= 0, got " + gamma);
        this.gamma = gamma;
        return this;
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public BinaryFocalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Squeezes the targets towards 0.5: {@code y * (1 - s) + 0.5 * s} (default 0). */
    public BinaryFocalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = LossUtil.smoothing(name(), labelSmoothing);
        return this;
    }

    @Override
    public BinaryFocalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    private double target(float t) {
        return labelSmoothing == 0 ? t : t * (1.0 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    private double weight(double t) {
        return applyClassBalancing ? t * alpha + (1 - t) * (1 - alpha) : 1.0;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double t = target(y[yo + j]);
            float o = fromLogits ? (float) LossUtil.sigmoid(p[po + j]) : p[po + j];
            double q = clip(o);
            double bce = -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
            double pt = t * o + (1 - t) * (1 - o);
            s += weight(t) * Math.pow(1 - pt, gamma) * bce;
        }
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        for (int j = 0; j < c; j++) {
            double t = target(y[yo + j]);
            float o = fromLogits ? (float) LossUtil.sigmoid(p[po + j]) : p[po + j];
            double q = clip(o);
            double bce = -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
            double u = 1 - (t * o + (1 - t) * (1 - o));              // 1 - p_t; du/do = 1 - 2t
            double ff = Math.pow(u, gamma);
            double dff = gamma == 0 ? 0 : gamma * Math.pow(u, gamma - 1) * (1 - 2 * t);
            double dbce = inside(o) ? -t / q + (1 - t) / (1 - q) : 0;
            double d = weight(t) * (dff * bce + ff * dbce);
            if (fromLogits) d *= (double) o * (1 - o);
            dp[dpo + j] += (float) (scale * d / c);
        }
    }
}
