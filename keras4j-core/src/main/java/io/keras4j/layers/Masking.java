package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.MaskSteps;
import io.keras4j.engine.ops.StepMask;
import java.util.Map;

/**
 * {@code keras.layers.Masking(mask_value=0.0)}: for input {@code (None, timesteps, features)},
 * a step whose features all equal {@code mask_value} is masked: its output is zeros and the mask
 * it passes on tells the recurrent layers to skip it (they carry their state over it unchanged).
 * <pre>{@code
 * model.add(new Masking().inputShape(10, 3));
 * model.add(new LSTM(8));
 * }</pre>
 */
public class Masking extends Layer {
    private final double maskValue;

    public Masking() {
        this(0.0);
    }

    public Masking(double maskValue) {
        super("masking");
        this.maskValue = maskValue;
    }

    @Override
    public Masking name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Masking inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 3 (None, timesteps, features), got "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return new MaskSteps(x, (float) maskValue).output();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(Tensor x, Tensor mask) {
        return new StepMask(x, (float) maskValue, true).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Masking fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Masking(c.getDouble("mask_value", 0.0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mask_value", maskValue);
        return c;
    }
}
