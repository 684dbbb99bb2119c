package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.SoftmaxAxis;
import java.util.Map;

/**
 * {@code keras.layers.Softmax(axis=-1)}: {@code exp(x) / sum(exp(x), axis)}, computed stably.
 * The axis counts the batch as 0 (negative from the end); it cannot be the batch axis. No weights.
 */
public class Softmax extends Layer {
    private int axis = -1;

    public Softmax() {
        super("softmax");
    }

    public Softmax(int axis) {
        this();
        axis(axis);
    }

    /** The axis normalised over (default -1, the last). */
    public Softmax axis(int axis) {
        if (axis == 0) throw new IllegalArgumentException(describe() + ": axis 0 is the batch axis");
        this.axis = axis;
        return this;
    }

    @Override
    public Softmax inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public Softmax name(String name) {
        super.name(name);
        return this;
    }

    /** The axis counted from the start (batch = 0) for inputs of rank {@code rank} (with batch). */
    private int resolved(int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        int a = resolved(inputShape.length + 1);
        if (inputShape.length == 0 || a < 1 || a > inputShape.length) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is not a feature axis of input "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int a = resolved(x.rank());
        if (a == x.rank() - 1) return new io.keras4j.engine.ops.Softmax(x).output();
        return new SoftmaxAxis(x, a).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static Softmax fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] axes = c.getInts("axis", -1);
        if (axes.length != 1) throw new IllegalArgumentException("Softmax: only one axis is supported, got " + c.get("axis"));
        return c.applyBase(new Softmax(axes[0]));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }
}
