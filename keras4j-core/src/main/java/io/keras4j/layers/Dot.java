package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.BatchDotOp;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.Dot(axes, normalize=False)}: the per-sample dot product of two inputs
 * {@code (batch, d)} along {@code axes} (1 or -1), output {@code (batch, 1)}; with
 * {@code normalize} the rows are L2-normalised first, so the output is their cosine similarity.
 * Inputs of higher rank (Keras's batched matrix products) are not supported yet.
 */
public class Dot extends Merge {
    private final int axes;
    private boolean normalize;

    public Dot(int axes) {
        super("dot");
        this.axes = axes;
    }

    /** {@code Dot(axes, normalize)}. */
    public Dot(int axes, boolean normalize) {
        this(axes);
        this.normalize = normalize;
    }

    /** Keras's {@code normalize}: L2-normalise both rows first (cosine similarity). */
    public Dot normalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    @Override
    protected int[] outputShape(List<int[]> shapes) {
        if (shapes.size() != 2) throw new IllegalArgumentException(describe() + " takes exactly 2 input tensors, got " + shapes.size());
        int[] a = shapes.get(0), b = shapes.get(1);
        if (a.length != 1 || b.length != 1) {
            throw new IllegalArgumentException(describe() + ": only inputs of shape (None, d) are supported, got "
                    + NDArray.shapeString(withBatch(a)) + " and " + NDArray.shapeString(withBatch(b)));
        }
        if (axes != 1 && axes != -1) throw new IllegalArgumentException(describe() + ": axes must be 1 or -1 for 2D inputs, got " + axes);
        if (a[0] != b[0]) {
            throw new IllegalArgumentException(describe() + ": incompatible input shapes " + NDArray.shapeString(withBatch(a))
                    + " and " + NDArray.shapeString(withBatch(b)) + " (dimension " + a[0] + " != " + b[0] + " along axes " + axes + ")");
        }
        return new int[] {1};
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        return new BatchDotOp(inputs.get(0), inputs.get(1), normalize).output();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axes", axes);
        c.put("normalize", normalize);
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}); {@code axes} an int or a pair of equal ints. */
    public static Dot fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int axes;
        if (c.get("axes") instanceof Number) {
            axes = c.getInt("axes");
        } else {
            int[] a = c.getInts("axes");
            if (a.length != 2 || a[0] != a[1]) {
                throw new IllegalArgumentException("Dot: only equal axes for both inputs are supported, got " + java.util.Arrays.toString(a));
            }
            axes = a[0];
        }
        return c.applyBase(new Dot(axes, c.getBoolean("normalize", false)));
    }
}
