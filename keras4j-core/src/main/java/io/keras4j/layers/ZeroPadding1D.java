package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.ZeroPadding1D(padding=1)}: zeros before and after the steps axis,
 * {@code (batch, steps, features) -> (batch, left + steps + right, features)}. {@code padding}:
 * one value for both ends or {@code (left, right)}; default 1. Data format "channels_last"
 * (default) or "channels_first" ({@code (batch, features, steps)}). No weights.
 * <pre>{@code
 * model.add(new ZeroPadding1D(2));
 * }</pre>
 */
public class ZeroPadding1D extends Layer {
    private int[] padding;
    private String dataFormat = Formats.CHANNELS_LAST;

    public ZeroPadding1D() {
        this(1);
    }

    /** @param padding one value for both ends, or (left, right) */
    public ZeroPadding1D(int... padding) {
        super("zero_padding1d");
        this.padding = Formats.tuple("ZeroPadding1D", "padding", 2, 0, Formats.orDefault(padding, 1));
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public ZeroPadding1D dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return this;
    }

    /** Keras's first positional argument, also a keyword (same forms as the constructor). */
    public ZeroPadding1D padding(int... padding) {
        this.padding = Formats.tuple(describe(), "padding", 2, 0, Formats.orDefault(padding, 1));
        return this;
    }

    @Override
    public ZeroPadding1D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public ZeroPadding1D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    private int axis() {
        return dataFormat.equals(Formats.CHANNELS_FIRST) ? 1 : 0;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 2) throw Formats.rank(describe(), 3, axis() == 0 ? "(None, steps, features)" : "(None, features, steps)", in);
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] before = new int[2], after = new int[2];
        before[axis()] = padding[0];
        after[axis()] = padding[1];
        return Gather.pad(x, before, after);
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        out[axis()] += padding[0] + padding[1];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static ZeroPadding1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] p = c.has("padding") ? Formats.flatInts("ZeroPadding1D", "padding", c.get("padding")) : new int[] {1};
        return c.applyBase(new ZeroPadding1D(p).dataFormat(c.getString("data_format", null)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", Formats.list(padding));
        c.put("data_format", dataFormat);
        return c;
    }
}
