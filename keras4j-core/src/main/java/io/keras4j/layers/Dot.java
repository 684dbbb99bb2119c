package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.BatchDotOp;
import io.keras4j.engine.ops.BatchMatMulOp;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.Dot(axes, normalize=False)}: the per-sample dot product of two inputs
 * {@code (batch, d)} along {@code axes} (1 or -1), output {@code (batch, 1)}; with
 * {@code normalize} the rows are L2-normalised first, so the output is their cosine similarity.
 * <p>Two inputs of rank 3, {@code (batch, p, q)} and {@code (batch, r, s)}: Keras's
 * {@code batch_dot}, a matrix product per sample contracting axis {@code axes[0]} of the first
 * with axis {@code axes[1]} of the second (1, 2 or -1; one int for both), output
 * {@code (batch, rest of the first, rest of the second)}: {@code new Dot(2)} on queries
 * {@code (b, p, d)} and keys {@code (b, r, d)} gives the scores {@code (b, p, r)},
 * {@code new Dot(2, 1)} is {@code x @ z}. {@code normalize} is supported for rank 2 only.
 */
public class Dot extends Merge {
    private final int axes, axes2;
    private boolean normalize;

    public Dot(int axes) {
        this(axes, axes, false);
    }

    /** Keras's {@code axes=(a, b)}: axis {@code a} of the first input against axis {@code b} of the second. */
    public Dot(int axesFirst, int axesSecond) {
        this(axesFirst, axesSecond, false);
    }

    private Dot(int a, int b, boolean normalize) {
        super("dot");
        this.axes = a;
        this.axes2 = b;
        this.normalize = normalize;
    }

    /** {@code Dot(axes, normalize)}. */
    public Dot(int axes, boolean normalize) {
        this(axes, axes, normalize);
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
        if (a.length == 2 && b.length == 2) return batchMatMulShape(a, b);
        if (a.length != 1 || b.length != 1) {
            throw new IllegalArgumentException(describe() + ": only inputs of shape (None, d) are supported, got "
                    + NDArray.shapeString(withBatch(a)) + " and " + NDArray.shapeString(withBatch(b)));
        }
        if (axes != axes2 || axes != 1 && axes != -1) throw new IllegalArgumentException(describe() + ": axes must be 1 or -1 for 2D inputs, got " + axes);
        if (a[0] != b[0]) {
            throw new IllegalArgumentException(describe() + ": incompatible input shapes " + NDArray.shapeString(withBatch(a))
                    + " and " + NDArray.shapeString(withBatch(b)) + " (dimension " + a[0] + " != " + b[0] + " along axes " + axes + ")");
        }
        return new int[] {1};
    }

    /** Axis {@code a} (with the batch, negative from the end) of a rank-3 input, as 1 or 2, or -1 when out of range. */
    private static int axis(int a) {
        int v = a < 0 ? a + 3 : a;
        return v == 1 || v == 2 ? v : -1;
    }

    private int[] batchMatMulShape(int[] a, int[] b) {
        int ax = axis(axes), az = axis(axes2);
        if (ax < 0 || az < 0) {
            throw new IllegalArgumentException(describe() + ": axes must be 1, 2 or -1 for inputs of rank 3, got (" + axes + ", " + axes2 + ")");
        }
        if (normalize) throw new IllegalArgumentException(describe() + ": normalize is supported for inputs of shape (None, d) only yet");
        if (a[ax - 1] != b[az - 1]) {
            throw new IllegalArgumentException(describe() + ": incompatible input shapes " + NDArray.shapeString(withBatch(a))
                    + " and " + NDArray.shapeString(withBatch(b)) + " (dimension " + a[ax - 1] + " != " + b[az - 1]
                    + " along axes (" + axes + ", " + axes2 + "))");
        }
        return new int[] {a[2 - ax], b[2 - az]};
    }

    @Override
    public Tensor call(List<Tensor> inputs, boolean training) {
        if (inputs.get(0).rank() == 3) return new BatchMatMulOp(inputs.get(0), inputs.get(1), axis(axes), axis(axes2)).output();
        return new BatchDotOp(inputs.get(0), inputs.get(1), normalize).output();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axes", axes == axes2 ? (Object) axes : List.of(axes, axes2));
        c.put("normalize", normalize);
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}); {@code axes} an int or a pair of equal ints. */
    public static Dot fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] a = c.get("axes") instanceof Number ? new int[] {c.getInt("axes"), c.getInt("axes")} : c.getInts("axes");
        if (a.length != 2) throw new IllegalArgumentException("Dot: axes must be an int or a pair, got " + java.util.Arrays.toString(a));
        return c.applyBase(new Dot(a[0], a[1], c.getBoolean("normalize", false)));
    }
}
