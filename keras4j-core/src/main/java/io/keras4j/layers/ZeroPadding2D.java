package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.ZeroPadding2D(padding=(1, 1))}: zero rows above and below, zero columns
 * left and right: {@code (batch, h, w, c) -> (batch, top + h + bottom, left + w + right, c)}.
 * {@code padding}: one value for all four sides, {@code (h, w)} (symmetric), or
 * {@code (top, bottom, left, right)} (Keras's {@code ((top, bottom), (left, right))}); default 1.
 * Data format "channels_last" (default) or "channels_first". No weights.
 * <pre>{@code
 * model.add(new ZeroPadding2D(1, 2));   // one row above and below, two columns left and right
 * }</pre>
 */
public class ZeroPadding2D extends Layer {
    private int[] padding; // top, bottom, left, right
    private String dataFormat = Formats.CHANNELS_LAST;

    public ZeroPadding2D() {
        this(1);
    }

    /** @param padding 1 value, (h, w), or (top, bottom, left, right) */
    public ZeroPadding2D(int... padding) {
        super("zero_padding2d");
        this.padding = Sides.of("ZeroPadding2D", "padding", Formats.orDefault(padding, 1));
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public ZeroPadding2D dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return this;
    }

    /** Keras's first positional argument, also a keyword (same forms as the constructor). */
    public ZeroPadding2D padding(int... padding) {
        this.padding = Sides.of(describe(), "padding", Formats.orDefault(padding, 1));
        return this;
    }

    @Override
    public ZeroPadding2D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public ZeroPadding2D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    private int first() {
        return dataFormat.equals(Formats.CHANNELS_FIRST) ? 1 : 0;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 3) throw Formats.rank(describe(), 4, first() == 0 ? "(None, h, w, channels)" : "(None, channels, h, w)", in);
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] before = new int[3], after = new int[3];
        before[first()] = padding[0];
        after[first()] = padding[1];
        before[first() + 1] = padding[2];
        after[first() + 1] = padding[3];
        return Gather.pad(x, before, after);
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        out[first()] += padding[0] + padding[1];
        out[first() + 1] += padding[2] + padding[3];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static ZeroPadding2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] p = c.has("padding") ? Formats.flatInts("ZeroPadding2D", "padding", c.get("padding")) : new int[] {1};
        return c.applyBase(new ZeroPadding2D(p).dataFormat(c.getString("data_format", null)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", Formats.pairs(padding));
        c.put("data_format", dataFormat);
        return c;
    }
}
