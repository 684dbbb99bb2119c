package io.keras4j.engine;

/**
 * A trainable parameter (a layer weight): a named tensor of fixed shape whose value lives in
 * the model's parameter arena once the model is compiled (in its own array before that).
 */
public final class Variable extends Tensor {
    private final String name;
    private final boolean trainable;
    /** Frozen by its layer ({@code layer.trainable = False}): no gradient, no update. */
    private boolean frozen;
    /**
     * Whether every value is finite, as {@code version << 1 | finite} of the version it was read
     * at; -1 for not read yet. One field, so that readers on several threads never pair one
     * version's flag with another's values.
     */
    private volatile long finiteAt = -1;
    /**
     * Counts the writes: copies made of the values are current while it is unchanged. Volatile and
     * written after the values, so a reader that sees a version sees that version's values (the
     * model's weight lock keeps readers from seeing a write in progress).
     */
    private volatile int version;

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

    /**
     * Freezes or unfreezes a trainable weight ({@code layer.trainable = False} in Keras): a frozen
     * weight gets no gradient and the optimizer leaves it alone. Graphs made before see the old
     * state: the model plans them again.
     */
    public void frozen(boolean frozen) {
        this.frozen = frozen;
        this.needsGrad = trainable && !frozen;
    }

    public boolean frozen() {
        return frozen;
    }

    /**
     * Records that the values were written (an optimizer step, {@code setWeights}, an
     * initializer): {@link #allFinite} looks at them again. Every writer of a variable calls it.
     */
    public void changed() {
        version++; // one writer at a time (the model's fit or setWeights)
    }

    /** Changes with every {@link #changed}: a copy made at one version is stale at another. */
    public int version() {
        return version;
    }

    /** True when no value is NaN or infinite: read once after each {@link #changed}. Safe from several threads. */
    public boolean allFinite() {
        int v = version; // before the values: a flag read from newer values is kept under an older version only
        long known = finiteAt;
        if (known >= 0 && (int) (known >>> 1) == v) return (known & 1) != 0;
        boolean f = true;
        for (int i = off, end = off + size(); i < end; i++) f &= Float.isFinite(data[i]);
        finiteAt = ((v & 0xffffffffL) << 1) | (f ? 1 : 0);
        return f;
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
        if (needsGrad && gradArena != null) {
            grad = gradArena;
            goff = offset;
        } else {
            grad = null;
        }
    }
}
