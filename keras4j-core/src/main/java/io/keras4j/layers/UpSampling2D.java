package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import io.keras4j.engine.ops.ResizeBilinear;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.layers.UpSampling2D(size=(2, 2))}: enlarges each image by {@code size} =
 * (rows, columns): {@code (batch, h, w, c) -> (batch, h * rows, w * cols, c)}.
 * {@code interpolation} {@code "nearest"} (default: each pixel repeated) or {@code "bilinear"}
 * (Keras 3's {@code ops.image.resize}: half-pixel centres, edges clamped; see
 * {@link ResizeBilinear}). Data format "channels_last" (default) or "channels_first". No weights.
 * <pre>{@code
 * model.add(new UpSampling2D(2).interpolation("bilinear"));
 * }</pre>
 */
public class UpSampling2D extends Layer {
    private int[] size;
    private String dataFormat = Formats.CHANNELS_LAST;
    private String interpolation = "nearest";

    public UpSampling2D() {
        this(2);
    }

    /** @param size one factor for both axes, or (rows, columns) */
    public UpSampling2D(int... size) {
        super("up_sampling2d");
        this.size = Formats.tuple("UpSampling2D", "size", 2, 1, Formats.orDefault(size, 2));
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public UpSampling2D dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return this;
    }

    /** {@code "nearest"} (default) or {@code "bilinear"}. */
    public UpSampling2D interpolation(String interpolation) {
        String s = interpolation == null ? "" : interpolation.toLowerCase(Locale.ROOT);
        if (!s.equals("nearest") && !s.equals("bilinear")) {
            throw new IllegalArgumentException(describe() + ": interpolation must be \"nearest\" or \"bilinear\", got " + interpolation);
        }
        this.interpolation = s;
        return this;
    }

    /** Keras's first positional argument, also a keyword (same forms as the constructor). */
    public UpSampling2D size(int... size) {
        this.size = Formats.tuple(describe(), "size", 2, 1, Formats.orDefault(size, 2));
        return this;
    }

    @Override
    public UpSampling2D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public UpSampling2D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    private boolean channelsFirst() {
        return dataFormat.equals(Formats.CHANNELS_FIRST);
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != 3) throw Formats.rank(describe(), 4, channelsFirst() ? "(None, channels, h, w)" : "(None, h, w, channels)", in);
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (interpolation.equals("nearest")) {
            return channelsFirst() ? Gather.repeat(x, 1, size[0], size[1]) : Gather.repeat(x, size[0], size[1], 1);
        }
        if (channelsFirst()) x = Gather.transpose(x, BasePooling.toLast(3));
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        Tensor y = new ResizeBilinear(x, h, w, c, h * size[0], w * size[1]).output();
        return channelsFirst() ? Gather.transpose(y, BasePooling.toFirst(3)) : y;
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        int first = channelsFirst() ? 1 : 0;
        out[first] *= size[0];
        out[first + 1] *= size[1];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static UpSampling2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new UpSampling2D(c.getInts("size", 2, 2)).dataFormat(c.getString("data_format", null))
                .interpolation(c.getString("interpolation", "nearest")));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", Formats.list(size));
        c.put("data_format", dataFormat);
        c.put("interpolation", interpolation);
        return c;
    }
}
