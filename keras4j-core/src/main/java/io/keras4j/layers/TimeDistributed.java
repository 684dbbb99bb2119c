package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.TimeDistributed(layer)}: applies {@code layer} to every time step of a
 * {@code (None, timesteps, ...)} input with one set of weights: {@code y[:, t] = layer(x[:, t])}.
 * <p>In this version the wrapped layer must act on the last axis alone ({@link Dense},
 * {@link Activation}): the layer is then called on the whole {@code (None, timesteps, ...)} tensor,
 * which is the same computation as step by step, in one call. Other layers are refused at build.
 * <pre>{@code
 * model.add(new TimeDistributed(new Dense(12, "softmax")));
 * }</pre>
 */
public class TimeDistributed extends Wrapper {
    /** Layers whose call on {@code (None, T, ...)} is their call on each {@code (None, ...)} step. */
    private static final List<String> LAST_AXIS = List.of("Dense", "Activation");

    public TimeDistributed(Layer layer) {
        super("time_distributed", layer);
    }

    @Override
    public TimeDistributed name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public TimeDistributed inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    private static int[] step(int[] inputShape) {
        return Arrays.copyOfRange(inputShape, 1, inputShape.length);
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException(describe() + ": expected input of rank >= 3 (None, timesteps, ...), got "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
        if (!LAST_AXIS.contains(layer.getClass().getSimpleName())) {
            throw new IllegalArgumentException(describe() + ": wrapping " + layer.describe()
                    + " is not supported yet; supported: layers acting on the last axis (" + String.join(", ", LAST_AXIS) + ")");
        }
    }

    @Override
    protected void build(int[] inputShape) {
        layer.ensureBuilt(step(inputShape));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return layer.call(x, training);
    }

    /** As Keras: a step mask passes through to the output (the wrapped layer acts on each step alone). */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = layer.computeOutputShape(step(inputShape));
        int[] r = new int[s.length + 1];
        r[0] = inputShape[0];
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static TimeDistributed fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new TimeDistributed(deserialize(c.get("layer"))));
    }
}
