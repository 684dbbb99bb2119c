package io.keras4j.losses;

/**
 * {@code keras.losses.Hinge(reduction="sum_over_batch_size")}; binary 0/1 targets become -1/1.
 * <pre>
 * loss = mean_j max(1 - y_j * p_j, 0)
 * </pre>
 * At the kink ({@code 1 - y p == 0}) the gradient is {@code -y}, as TensorFlow's {@code maximum}.
 */
public final class Hinge extends HingeBase {

    public Hinge() {
        super("hinge");
    }

    @Override
    public Hinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    double term(double m) {
        return Math.max(m, 0);
    }

    @Override
    float termGrad(float m) {
        return m >= 0 ? 1f : 0f;
    }
}
