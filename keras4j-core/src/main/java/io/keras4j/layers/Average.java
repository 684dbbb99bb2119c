package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.MergeOp;
import java.util.List;

/**
 * {@code keras.layers.Average()}: {@code y = (x_0 + x_1 + ...) / k}, element-wise over inputs of one shape; the output has that shape.
 * {@code new Average().apply(a, b)}.
 */
public class Average extends Merge {
    public Average() {
        super("average");
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {

        return sameShape(shapes);
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new MergeOp(MergeOp.Mode.AVERAGE, inputs.toArray(new Tensor[0])).output();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Average fromConfig(java.util.Map<String, Object> config) {
        return new LayerConfig(config).applyBase(new Average());
    }
}
