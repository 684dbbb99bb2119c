package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.ScaleShift;
import java.util.Map;

/**
 * {@code keras.layers.Rescaling(scale, offset=0.0)}: {@code y = x * scale + offset}, in float32.
 * Any input shape; no weights.
 * <pre>{@code
 * model.add(new Rescaling(1 / 255.0).inputShape(28, 28, 1));   // pixels 0..255 -> 0..1
 * model.add(new Rescaling(1 / 127.5, -1));                      // -> -1..1
 * }</pre>
 */
public class Rescaling extends Layer {
    private final double scale;
    private double offset;

    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    public Rescaling(double scale, double offset) {
        super("rescaling");
        this.scale = scale;
        this.offset = offset;
    }

    /** The value added after scaling (default 0). */
    public Rescaling offset(double offset) {
        this.offset = offset;
        return this;
    }

    @Override
    public Rescaling name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Rescaling inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return new ScaleShift(x, (float) scale, (float) offset).output();
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        return in.clone();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Rescaling fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Rescaling(c.getDouble("scale"), c.getDouble("offset", 0.0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("scale", scale);
        c.put("offset", offset);
        return c;
    }
}
