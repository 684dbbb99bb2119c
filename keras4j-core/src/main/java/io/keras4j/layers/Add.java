package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.MergeOp;
import java.util.List;

/**
 * {@code keras.layers.Add()}: {@code y = x_0 + x_1 + ...}, element-wise over inputs of one shape; the output has that shape.
 * {@code new Add().apply(a, b)}.
 */
public class Add extends Merge {
    public Add() {
        super("add");
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {

        return sameShape(shapes);
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new MergeOp(MergeOp.Mode.ADD, inputs.toArray(new Tensor[0])).output();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Add fromConfig(java.util.Map<String, Object> config) {
        return new LayerConfig(config).applyBase(new Add());
    }
}
