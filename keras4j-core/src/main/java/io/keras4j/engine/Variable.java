package io.keras4j.engine;

/**
 * A trainable parameter (a layer weight): a named tensor of fixed shape whose value lives in
 * the model's parameter arena once the model is compiled (in its own array before that).
 */
public final class Variable extends Tensor {
    private final String name;
    private final boolean trainable;

    public Variable(String name, int[] shape, boolean trainable) {
        super(null, shape);
        if (batched()) throw new IllegalArgumentException("a variable needs a fully known shape");
        this.name = name;
        this.trainable = trainable;
        this.needsGrad = trainable;
        this.data = new float[rowSize()];
        this.off = 0;
    }

    public String name() {
        return name;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Number of values. */
    public int size() {
        return rowSize();
    }

    /** Moves the value into {@code arena} at {@code offset} (copying it) and the gradient likewise. */
    public void bind(float[] arena, int offset, float[] gradArena) {
        System.arraycopy(data, off, arena, offset, size());
        data = arena;
        off = offset;
        if (trainable) {
            grad = gradArena;
            goff = offset;
        }
    }
}
