package io.keras4j.engine;

import io.keras4j.NDArray;

/**
 * A node of the compiled graph: a shape, the op that produces it and, once a {@link Plan} is
 * made, the storage of its value and of its gradient.
 *
 * <p>Batch-major tensors have {@code shape[0] == -1} (Keras's {@code None}); a plan gives them
 * room for its batch capacity, and ops work on the first {@code n} rows. Parameters
 * ({@link Variable}) have fully known shapes.
 */
public class Tensor {
    private final int[] shape;
    private final int rowSize;
    final Graph graph;
    Op producer;
    boolean needsGrad;

    /** Value storage and offset (set by the plan, or by the model's parameter arena). */
    public float[] data;
    public int off;
    /** Gradient storage and offset; null when no gradient flows here. */
    public float[] grad;
    public int goff;

    Tensor(Graph graph, int[] shape) {
        this.graph = graph;
        this.shape = shape.clone();
        int r = 1;
        for (int d = shape.length > 0 && shape[0] < 0 ? 1 : 0; d < shape.length; d++) {
            if (shape[d] < 0) throw new IllegalArgumentException("only the batch dimension may be unknown: " + NDArray.shapeString(shape));
            r *= shape[d];
        }
        this.rowSize = r;
    }

    /** The shape, with -1 for the batch dimension. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code d} (negative counts from the end). */
    public int dim(int d) {
        return shape[d < 0 ? d + shape.length : d];
    }

    /** True when dimension 0 is the batch. */
    public boolean batched() {
        return shape.length > 0 && shape[0] < 0;
    }

    /** Values per sample for batched tensors; the total size otherwise. */
    public int rowSize() {
        return rowSize;
    }

    /** Number of values this tensor holds for {@code n} samples. */
    public int size(int n) {
        return batched() ? n * rowSize : rowSize;
    }

    /** Whether a gradient is computed for this tensor. */
    public boolean needsGrad() {
        return needsGrad;
    }

    public Graph graph() {
        return graph;
    }

    @Override
    public String toString() {
        return "Tensor" + NDArray.shapeString(shape);
    }
}
