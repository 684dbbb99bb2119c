package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Unary;
import io.keras4j.engine.ops.UnaryFn;
import java.util.Map;

/**
 * {@code keras.layers.LeakyReLU(negative_slope=0.3)}: {@code f(x) = x} for {@code x >= 0},
 * {@code negative_slope * x} below. No weights. Keras 2's {@code alpha} is read from configs as
 * the slope.
 */
public class LeakyReLU extends Layer {
    private double negativeSlope = 0.3;

    public LeakyReLU() {
        super("leaky_re_lu");
    }

    public LeakyReLU(double negativeSlope) {
        this();
        negativeSlope(negativeSlope);
    }

    /** The slope for negative inputs (default 0.3). Must be >= 0. */
    public LeakyReLU negativeSlope(double negativeSlope) {
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException(describe() + ": negative_slope must be >= 0, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        return this;
    }

    @Override
    public LeakyReLU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LeakyReLU name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        final float a = (float) negativeSlope;
        return new Unary(x, new UnaryFn() {
            @Override
            public float apply(float v) {
                return v >= 0 ? v : a * v;
            }

            @Override
            public float derivative(float v, float y) {
                return v >= 0 ? 1f : a;
            }
        }).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static LeakyReLU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new LeakyReLU(c.getDouble("negative_slope", c.getDouble("alpha", 0.3))));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("negative_slope", negativeSlope);
        return c;
    }
}
