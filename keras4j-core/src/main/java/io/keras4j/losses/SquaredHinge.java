package io.keras4j.losses;

/**
 * {@code keras.losses.SquaredHinge(reduction="sum_over_batch_size")}; binary 0/1 targets become -1/1.
 * <pre>
 * loss = mean_j max(1 - y_j * p_j, 0)^2
 * </pre>
 */
public final class SquaredHinge extends HingeBase {

    public SquaredHinge() {
        super("squared_hinge");
    }

    @Override
    public SquaredHinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    double term(double m) {
        double h = Math.max(m, 0);
        return h * h;
    }

    @Override
    float termGrad(float m) {
        return 2 * Math.max(m, 0f);
    }
}
