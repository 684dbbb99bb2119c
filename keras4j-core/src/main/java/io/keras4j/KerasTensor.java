package io.keras4j;

import java.util.List;

/**
 * {@code keras.KerasTensor}: a symbolic tensor of the functional API. It holds no values, only
 * its shape (without the batch dimension) and how it was made: by {@link Keras#input} (an input
 * of the graph) or by a layer (or a nested model) applied to other symbolic tensors
 * ({@code layer.apply(x)}), so {@code Model.of(inputs, outputs)} can find the graph between them.
 * Immutable.
 */
public final class KerasTensor {
    private final int[] shape;
    private final Object producer;
    private final List<KerasTensor> inputs;
    private final String name;
    /** The call that made it (shared by the outputs of one call of a layer of several outputs), and its place among them. */
    private final Object call;
    private final int index;

    /**
     * A tensor made by {@code producer} (a {@code Layer} or a functional {@code Model}) from
     * {@code inputs}, or an input of the graph ({@code producer} the input's name as a String,
     * {@code inputs} empty). Called by {@code Keras.input} and {@code Layer.apply}.
     */
    public KerasTensor(int[] shape, Object producer, List<KerasTensor> inputs, String name) {
        this(shape, producer, inputs, name, null, 0);
    }

    /**
     * Output {@code index} of one call of a layer with several outputs (a recurrent layer with
     * {@code returnState}: output, h[, c]): every output of the call shares {@code call}, a token
     * of that call, so a model runs the layer once for all of them.
     */
    public KerasTensor(int[] shape, Object producer, List<KerasTensor> inputs, String name, Object call, int index) {
        this.shape = shape.clone();
        this.producer = producer;
        this.inputs = List.copyOf(inputs);
        this.name = name;
        this.call = call == null ? this : call;
        this.index = index;
    }

    /** The token of the call that made this tensor: the same object for every output of one call. */
    public Object call() {
        return call;
    }

    /** This tensor's place among the outputs of its call (Keras's tensor index, the {@code 1} of {@code lstm[0][1]}); 0 for one output. */
    public int index() {
        return index;
    }

    /** The shape without the batch dimension. */
    public int[] shape() {
        return shape.clone();
    }

    /** The layer or model that made this tensor, or the input's name for an input. */
    public Object producer() {
        return producer;
    }

    /** The tensors the producer was applied to (empty for an input). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** Whether this is an input of the graph ({@link Keras#input}). */
    public boolean isInput() {
        return inputs.isEmpty() && producer instanceof String;
    }

    /** The input's name, or the producing layer's name. */
    public String name() {
        return name;
    }

    /** Keras's repr: {@code <KerasTensor shape=(None, 4), name=dense>}. */
    @Override
    public String toString() {
        int[] s = new int[shape.length + 1];
        s[0] = -1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return "<KerasTensor shape=" + NDArray.shapeString(s) + ", name=" + name + ">";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
