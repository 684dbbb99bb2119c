package io.keras4j.layers;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's {@code Merge} base: a layer of several inputs and no weights ({@link Add},
 * {@link Concatenate}, ...), used through the functional API: {@code new Add().apply(a, b)}.
 * Shapes are checked at {@code apply}, and a mismatch names the layer and both shapes.
 */
public abstract class Merge extends Layer {
    private List<int[]> inputShapes;

    protected Merge(String baseName) {
        super(baseName);
    }

    /** The least number of inputs (2). */
    protected int minInputs() {
        return 2;
    }

    /** The output shape (without batch) for these input shapes; throws naming both shapes when they do not fit. */
    protected abstract int[] outputShape(List<int[]> shapes);

    /** The output for these inputs, written with ops. */
    public abstract Tensor call(List<Tensor> inputs, boolean training);

    @Override
    public KerasTensor apply(KerasTensor... inputs) {
        if (inputs == null || inputs.length < minInputs()) {
            throw new IllegalArgumentException(describe() + " takes at least " + minInputs() + " input tensors, got "
                    + (inputs == null ? 0 : inputs.length));
        }
        List<int[]> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
            if (t == null) throw new IllegalArgumentException(describe() + ": an input tensor is null");
            shapes.add(t.shape());
        }
        int[] out = outputShape(shapes);
        if (inputShapes == null) inputShapes = shapes;
        else if (!sameShapes(inputShapes, shapes)) {
            throw new IllegalArgumentException(describe() + " was applied to shapes " + shapesString(inputShapes)
                    + " before; it cannot take " + shapesString(shapes) + " now");
        }
        return new KerasTensor(out, this, List.of(inputs), name());
    }

    private static boolean sameShapes(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }

    /** {@code [(None, 4), (None, 3)]}. */
    protected static String shapesString(List<int[]> shapes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shapes.size(); i++) sb.append(i > 0 ? ", " : "").append(NDArray.shapeString(withBatch(shapes.get(i))));
        return sb.append(']').toString();
    }

    /** The check of the element-wise merges: every shape equal to the first. */
    protected final int[] sameShape(List<int[]> shapes) {
        for (int[] s : shapes) {
            if (!Arrays.equals(s, shapes.get(0))) {
                throw new IllegalArgumentException(describe() + ": inputs must have the same shape, got "
                        + NDArray.shapeString(withBatch(shapes.get(0))) + " and " + NDArray.shapeString(withBatch(s)));
            }
        }
        return shapes.get(0).clone();
    }

    @Override
    protected void build(int[] inputShape) {}

    /** A merge takes several inputs: use {@link #call(List, boolean)}. */
    @Override
    public Tensor call(Tensor x, boolean training) {
        throw new UnsupportedOperationException(describe() + " takes several inputs: apply it to a list of tensors");
    }

    /** A merge takes several inputs: its shape comes from {@link #outputShape(List)}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        throw new UnsupportedOperationException(describe() + " takes several inputs");
    }

    /** The input shapes of its {@code apply}, or null before. */
    public List<int[]> inputShapes() {
        return inputShapes;
    }
}
