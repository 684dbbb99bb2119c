package io.keras4j.layers;

import io.keras4j.NDArray;
import java.util.Map;

/**
 * {@code keras.layers.SpatialDropout1D(rate, seed=None)}: dropout of whole feature maps. Input
 * {@code (batch, steps, channels)}; in training each sample's channel is kept (scaled by
 * {@code 1 / (1 - rate)}) or zeroed at every step at once: Dropout with noise shape
 * {@code (batch, 1, channels)}.
 */
public class SpatialDropout1D extends Dropout {

    public SpatialDropout1D(double rate) {
        super(rate, "spatial_dropout1d");
    }

    @Override
    public SpatialDropout1D seed(long seed) {
        super.seed(seed);
        return this;
    }

    /** Not a keyword of the spatial variants: their noise shape is fixed. */
    @Override
    public SpatialDropout1D noiseShape(int... shape) {
        throw new UnsupportedOperationException(describe() + ": the noise shape of spatial dropout is fixed");
    }

    @Override
    public SpatialDropout1D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public SpatialDropout1D name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 3 (None, steps, channels), got "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected int[] noiseRowShape(int[] inputShape) {
        return new int[] {1, inputShape[1]};
    }

    public static SpatialDropout1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        SpatialDropout1D d = new SpatialDropout1D(c.getDouble("rate"));
        if (c.has("seed")) d.seed(c.getInt("seed"));
        return c.applyBase(d);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("noise_shape");
        return c;
    }
}
