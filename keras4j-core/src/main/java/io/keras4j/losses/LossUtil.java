package io.keras4j.losses;

/** Argument checks and small formulas shared by the losses. */
final class LossUtil {
    private LossUtil() {}

    static float smoothing(String loss, double s) {
        if (!(s >= 0 && s <= 1)) throw new IllegalArgumentException(loss + ": label_smoothing must be in [0, 1], got " + s);
        return (float) s;
    }

    /** {@code log(1 + exp(z))} without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
