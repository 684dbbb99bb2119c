package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.Flatten}: {@code (batch, d1, .., dk) -> (batch, d1 * .. * dk)}, row-major
 * (channels last: the order of {@code (h, w, c)}). With {@code dataFormat("channels_first")} the
 * channels axis is moved last first, so the result is the channels-last order, as Keras.
 * Default data format "channels_last". No weights.
 * <pre>{@code
 * model.add(new Flatten());
 * }</pre>
 */
public class Flatten extends Layer {
    private String dataFormat = Formats.CHANNELS_LAST;

    public Flatten() {
        super("flatten");
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public Flatten dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return this;
    }

    @Override
    public Flatten name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Flatten inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected void validateInput(int[] in) {
        for (int d : in) {
            if (d <= 0) {
                throw new IllegalArgumentException(describe() + ": cannot flatten an unknown dimension: input "
                        + NDArray.shapeString(withBatch(in)) + ", every dimension but the batch must be known");
            }
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int rank = x.rank() - 1;
        if (dataFormat.equals(Formats.CHANNELS_FIRST) && rank >= 2) x = Gather.transpose(x, BasePooling.toLast(rank));
        return new io.keras4j.engine.ops.Reshape(x, x.rowSize()).output();
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int n = 1;
        for (int d : in) n *= d;
        return new int[] {n};
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Flatten fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Flatten().dataFormat(c.getString("data_format", null)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        return c;
    }
}
