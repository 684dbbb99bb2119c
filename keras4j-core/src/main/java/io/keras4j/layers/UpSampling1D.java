package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.UpSampling1D(size=2)}: each step repeated {@code size} times,
 * {@code (batch, steps, features) -> (batch, steps * size, features)}. No weights.
 * <pre>{@code
 * model.add(new UpSampling1D(3));
 * }</pre>
 */
public class UpSampling1D extends Layer {
    private int size;

    public UpSampling1D() {
        this(2);
    }

    public UpSampling1D(int size) {
        super("up_sampling1d");
        if (size < 1) throw new IllegalArgumentException("UpSampling1D: size must be >= 1, got " + size);
        this.size = size;
    }

    /** The repeat factor (Keras's positional argument, also a keyword; default 2). */
    public UpSampling1D size(int size) {
        if (size < 1) throw new IllegalArgumentException(describe() + ": size must be >= 1, got " + size);
        this.size = size;
        return this;
    }

    @Override
    public UpSampling1D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public UpSampling1D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 2) throw Formats.rank(describe(), 3, "(None, steps, features)", in);
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Gather.repeat(x, size, 1);
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        return new int[] {in[0] * size, in[1]};
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static UpSampling1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new UpSampling1D(c.getInt("size", 2)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", size);
        return c;
    }
}
