package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.Cropping2D(cropping=((0, 0), (0, 0)))}: drops rows at the top and bottom and
 * columns at the left and right: {@code (batch, h, w, c) -> (batch, h - top - bottom, w - left - right, c)}.
 * {@code cropping}: one value for all sides, {@code (h, w)} (symmetric) or
 * {@code (top, bottom, left, right)}; default 0. Data format "channels_last" (default) or
 * "channels_first". No weights.
 * <pre>{@code
 * model.add(new Cropping2D(2, 4));   // two rows off the top and bottom, four columns off each side
 * }</pre>
 */
public class Cropping2D extends Layer {
    private int[] cropping; // top, bottom, left, right
    private String dataFormat = Formats.CHANNELS_LAST;

    public Cropping2D() {
        this(0);
    }

    /** @param cropping 1 value, (h, w), or (top, bottom, left, right) */
    public Cropping2D(int... cropping) {
        super("cropping2d");
        this.cropping = Sides.of("Cropping2D", "cropping", Formats.orDefault(cropping, 0));
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public Cropping2D dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return this;
    }

    /** Keras's first positional argument, also a keyword (same forms as the constructor). */
    public Cropping2D cropping(int... cropping) {
        this.cropping = Sides.of(describe(), "cropping", Formats.orDefault(cropping, 0));
        return this;
    }

    @Override
    public Cropping2D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Cropping2D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    private int first() {
        return dataFormat.equals(Formats.CHANNELS_FIRST) ? 1 : 0;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 3) throw Formats.rank(describe(), 4, first() == 0 ? "(None, h, w, channels)" : "(None, channels, h, w)", in);
        if (cropping[0] + cropping[1] >= in[first()] || cropping[2] + cropping[3] >= in[first() + 1]) {
            throw new IllegalArgumentException(describe() + ": cropping ((" + cropping[0] + ", " + cropping[1] + "), (" + cropping[2]
                    + ", " + cropping[3] + ")) leaves nothing of input " + NDArray.shapeString(withBatch(in)) + " (output "
                    + NDArray.shapeString(withBatch(computeOutputShape(in))) + ")");
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] before = new int[3], after = new int[3];
        before[first()] = cropping[0];
        after[first()] = cropping[1];
        before[first() + 1] = cropping[2];
        after[first() + 1] = cropping[3];
        return Gather.crop(x, before, after);
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        out[first()] -= cropping[0] + cropping[1];
        out[first() + 1] -= cropping[2] + cropping[3];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Cropping2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] p = c.has("cropping") ? Formats.flatInts("Cropping2D", "cropping", c.get("cropping")) : new int[] {0};
        return c.applyBase(new Cropping2D(p).dataFormat(c.getString("data_format", null)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", Formats.pairs(cropping));
        c.put("data_format", dataFormat);
        return c;
    }
}
