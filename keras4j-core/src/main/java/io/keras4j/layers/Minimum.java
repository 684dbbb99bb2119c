package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.MergeOp;
import java.util.List;

/**
 * {@code keras.layers.Minimum()}: {@code y = min(x_0, x_1, ...)}, element-wise over inputs of one shape; the output has that shape.
 * {@code new Minimum().apply(a, b)}.
 */
public class Minimum extends Merge {
    public Minimum() {
        super("minimum");
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {

        return sameShape(shapes);
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new MergeOp(MergeOp.Mode.MINIMUM, inputs.toArray(new Tensor[0])).output();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Minimum fromConfig(java.util.Map<String, Object> config) {
        return new LayerConfig(config).applyBase(new Minimum());
    }
}
