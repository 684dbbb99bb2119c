package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.ConcatOp;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.Concatenate(axis=-1)}: joins its inputs along {@code axis} (of the batched
 * shape; negative counts from the end; the batch axis 0 is refused); all other axes must agree.
 */
public class Concatenate extends Merge {
    private final int axis;

    /** {@code Concatenate()}: along the last axis. */
    public Concatenate() {
        this(-1);
    }

    public Concatenate(int axis) {
        super("concatenate");
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    /** The axis in the batched shape of rank {@code rank + 1}. */
    private int resolved(int rank) {
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 1 || a > rank) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for inputs of rank "
                    + (rank + 1) + " (the batch axis cannot be concatenated)");
        }
        return a;
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {
        int[] first = shapes.get(0);
        int a = resolved(first.length);
        int[] out = first.clone();
        out[a - 1] = 0;
        for (int[] s : shapes) {
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == a - 1 || s[i] == first[i];
            if (!ok) {
                throw new IllegalArgumentException(describe() + ": inputs must match except along the concat axis " + axis
                        + ", got " + NDArray.shapeString(withBatch(first)) + " and " + NDArray.shapeString(withBatch(s)));
            }
            out[a - 1] += s[a - 1];
        }
        return out;
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new ConcatOp(resolved(inputs.get(0).rank() - 1), inputs.toArray(new Tensor[0])).output();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Concatenate fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Concatenate(c.getInt("axis", -1)));
    }
}
