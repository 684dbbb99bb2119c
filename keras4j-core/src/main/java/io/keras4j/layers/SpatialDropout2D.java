package io.keras4j.layers;

import io.keras4j.NDArray;
import java.util.Map;

/**
 * {@code keras.layers.SpatialDropout2D(rate, data_format=None, seed=None)}: dropout of whole
 * feature maps of images. Input {@code (batch, rows, cols, channels)} ({@code "channels_last"},
 * the default) or {@code (batch, channels, rows, cols)} ({@code "channels_first"}); noise shape
 * {@code (batch, 1, 1, channels)} or {@code (batch, channels, 1, 1)}.
 */
public class SpatialDropout2D extends Dropout {
    private String dataFormat = "channels_last";

    public SpatialDropout2D(double rate) {
        super(rate, "spatial_dropout2d");
    }

    /** Keras's positional {@code rate, data_format}. */
    public SpatialDropout2D(double rate, String dataFormat) {
        this(rate);
        dataFormat(dataFormat);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public SpatialDropout2D dataFormat(String dataFormat) {
        if (dataFormat == null) dataFormat = "channels_last";
        if (!dataFormat.equals("channels_last") && !dataFormat.equals("channels_first")) {
            throw new IllegalArgumentException(describe() + ": data_format must be \"channels_last\" or \"channels_first\", got \""
                    + dataFormat + "\"");
        }
        this.dataFormat = dataFormat;
        return this;
    }

    @Override
    public SpatialDropout2D seed(long seed) {
        super.seed(seed);
        return this;
    }

    /** Not a keyword of the spatial variants: their noise shape is fixed. */
    @Override
    public SpatialDropout2D noiseShape(int... shape) {
        throw new UnsupportedOperationException(describe() + ": the noise shape of spatial dropout is fixed");
    }

    @Override
    public SpatialDropout2D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public SpatialDropout2D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 4 "
                    + (dataFormat.equals("channels_last") ? "(None, rows, cols, channels)" : "(None, channels, rows, cols)")
                    + ", got " + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected int[] noiseRowShape(int[] s) {
        return dataFormat.equals("channels_last") ? new int[] {1, 1, s[2]} : new int[] {s[0], 1, 1};
    }

    public static SpatialDropout2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        SpatialDropout2D d = new SpatialDropout2D(c.getDouble("rate")).dataFormat(c.getString("data_format", "channels_last"));
        if (c.has("seed")) d.seed(c.getInt("seed"));
        return c.applyBase(d);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("noise_shape");
        c.put("data_format", dataFormat);
        return c;
    }
}
