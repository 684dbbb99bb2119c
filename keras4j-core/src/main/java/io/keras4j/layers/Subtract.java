package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.MergeOp;
import java.util.List;

/**
 * {@code keras.layers.Subtract()}: {@code y = x_0 - x_1} (exactly two inputs), element-wise over inputs of one shape; the output has that shape.
 * {@code new Subtract().apply(a, b)}.
 */
public class Subtract extends Merge {
    public Subtract() {
        super("subtract");
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {
        if (shapes.size() != 2) throw new IllegalArgumentException(describe() + " takes exactly 2 input tensors, got " + shapes.size());
        return sameShape(shapes);
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new MergeOp(MergeOp.Mode.SUBTRACT, inputs.toArray(new Tensor[0])).output();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Subtract fromConfig(java.util.Map<String, Object> config) {
        return new LayerConfig(config).applyBase(new Subtract());
    }
}
