package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.Cropping1D(cropping=(1, 1))}: drops steps from the start and the end,
 * {@code (batch, steps, features) -> (batch, steps - start - end, features)}. {@code cropping}:
 * one value for both ends or {@code (start, end)}; default (1, 1). No weights.
 * <pre>{@code
 * model.add(new Cropping1D(2, 1));
 * }</pre>
 */
public class Cropping1D extends Layer {
    private int[] cropping;

    public Cropping1D() {
        this(1, 1);
    }

    /** @param cropping one value for both ends, or (start, end) */
    public Cropping1D(int... cropping) {
        super("cropping1d");
        this.cropping = Formats.tuple("Cropping1D", "cropping", 2, 0, Formats.orDefault(cropping, 1, 1));
    }

    /** Keras's first positional argument, also a keyword (same forms as the constructor). */
    public Cropping1D cropping(int... cropping) {
        this.cropping = Formats.tuple(describe(), "cropping", 2, 0, Formats.orDefault(cropping, 1, 1));
        return this;
    }

    @Override
    public Cropping1D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Cropping1D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 2) throw Formats.rank(describe(), 3, "(None, steps, features)", in);
        if (cropping[0] + cropping[1] >= in[0]) {
            throw new IllegalArgumentException(describe() + ": cropping " + NDArray.shapeString(cropping) + " leaves no steps of input "
                    + NDArray.shapeString(withBatch(in)) + " (output " + NDArray.shapeString(withBatch(computeOutputShape(in))) + ")");
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Gather.crop(x, new int[] {cropping[0], 0}, new int[] {cropping[1], 0});
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        out[0] -= cropping[0] + cropping[1];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Cropping1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] p = c.has("cropping") ? Formats.flatInts("Cropping1D", "cropping", c.get("cropping")) : new int[] {1, 1};
        return c.applyBase(new Cropping1D(p));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", Formats.list(cropping));
        return c;
    }
}
