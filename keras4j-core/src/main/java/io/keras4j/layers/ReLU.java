package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Relu;
import io.keras4j.engine.ops.Unary;
import io.keras4j.engine.ops.UnaryFn;
import java.util.Map;

/**
 * {@code keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)}, Keras 3's formula:
 * <pre>
 * f(x) = min(x, max_value)                 x >  threshold
 *        negative_slope * (x - threshold)   x <= threshold
 * </pre>
 * With the defaults it is {@code max(x, 0)} on the fast ReLU kernels. No weights.
 * <pre>{@code
 * model.add(new ReLU().maxValue(6));
 * }</pre>
 */
public class ReLU extends Layer {
    private Double maxValue;
    private double negativeSlope, threshold;

    public ReLU() {
        super("re_lu");
    }

    /** Keras's first positional argument, {@code max_value}. */
    public ReLU(double maxValue) {
        this();
        maxValue(maxValue);
    }

    /** The largest output (default none). Must be >= 0. */
    public ReLU maxValue(Double maxValue) {
        if (maxValue != null && !(maxValue >= 0)) {
            throw new IllegalArgumentException(describe() + ": max_value must be >= 0, got " + maxValue);
        }
        this.maxValue = maxValue;
        return this;
    }

    public ReLU maxValue(double maxValue) {
        return maxValue(Double.valueOf(maxValue));
    }

    /** The slope below the threshold (default 0). Must be >= 0. */
    public ReLU negativeSlope(double negativeSlope) {
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException(describe() + ": negative_slope must be >= 0, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        return this;
    }

    /** Inputs at or below it are not passed through (default 0). Must be >= 0. */
    public ReLU threshold(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(describe() + ": threshold must be >= 0, got " + threshold);
        }
        this.threshold = threshold;
        return this;
    }

    @Override
    public ReLU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public ReLU name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (maxValue == null && negativeSlope == 0 && threshold == 0) return new Relu(x).output();
        final float max = maxValue == null ? Float.POSITIVE_INFINITY : maxValue.floatValue();
        final float slope = (float) negativeSlope, t = (float) threshold;
        return new Unary(x, new UnaryFn() {
            @Override
            public float apply(float v) {
                return v > t ? Math.min(v, max) : slope * (v - t);
            }

            @Override
            public float derivative(float v, float y) {
                return v > t ? (v < max ? 1f : 0f) : slope;
            }
        }).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static ReLU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        ReLU r = new ReLU().negativeSlope(c.getDouble("negative_slope", 0.0)).threshold(c.getDouble("threshold", 0.0));
        if (c.has("max_value")) r.maxValue(c.getDouble("max_value"));
        return c.applyBase(r);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }
}
