package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Unary;
import io.keras4j.engine.ops.UnaryFn;
import java.util.Map;

/**
 * Keras 2's {@code keras.layers.ThresholdedReLU(theta=1.0)} (in legacy model files):
 * {@code f(x) = x} for {@code x > theta}, else 0. No weights.
 */
public class ThresholdedReLU extends Layer {
    private double theta = 1.0;

    public ThresholdedReLU() {
        super("thresholded_re_lu");
    }

    public ThresholdedReLU(double theta) {
        this();
        theta(theta);
    }

    /** The threshold (default 1.0). Must be >= 0. */
    public ThresholdedReLU theta(double theta) {
        if (!(theta >= 0) || Double.isInfinite(theta)) throw new IllegalArgumentException(describe() + ": theta must be >= 0, got " + theta);
        this.theta = theta;
        return this;
    }

    @Override
    public ThresholdedReLU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public ThresholdedReLU name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        final float t = (float) theta;
        return new Unary(x, new UnaryFn() {
            @Override
            public float apply(float v) {
                return v > t ? v : 0f;
            }

            @Override
            public float derivative(float v, float y) {
                return v > t ? 1f : 0f;
            }
        }).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static ThresholdedReLU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new ThresholdedReLU(c.getDouble("theta", 1.0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("theta", theta);
        return c;
    }
}
