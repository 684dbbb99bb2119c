package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Unary;
import io.keras4j.engine.ops.UnaryFn;
import java.util.Map;

/**
 * {@code keras.layers.ELU(alpha=1.0)}: {@code f(x) = x} for {@code x > 0},
 * {@code alpha * (exp(x) - 1)} otherwise; {@code f'(x) = f(x) + alpha} there. No weights.
 */
public class ELU extends Layer {
    private double alpha = 1.0;

    public ELU() {
        super("elu");
    }

    public ELU(double alpha) {
        this();
        alpha(alpha);
    }

    /** The scale of the negative part (default 1.0). */
    public ELU alpha(double alpha) {
        if (!Double.isFinite(alpha)) throw new IllegalArgumentException(describe() + ": alpha must be finite, got " + alpha);
        this.alpha = alpha;
        return this;
    }

    @Override
    public ELU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public ELU name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        final float a = (float) alpha;
        return new Unary(x, new UnaryFn() {
            @Override
            public float apply(float v) {
                return v > 0 ? v : a * (float) Math.expm1(v);
            }

            @Override
            public float derivative(float v, float y) {
                return v > 0 ? 1f : y + a;
            }
        }).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static ELU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new ELU(c.getDouble("alpha", 1.0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha", alpha);
        return c;
    }
}
