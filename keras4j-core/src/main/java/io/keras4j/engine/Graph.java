package io.keras4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The op graph of one model call, recorded in execution order while layers call their ops
 * (a tape made once, at plan time, never during training).
 */
public final class Graph {
    private final List<Op> ops = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();
    private final List<Tensor> losses = new ArrayList<>();
    private final Map<Object, Boolean> lossKeys = new IdentityHashMap<>();
    private boolean lossesWanted = true;

    /** A batch-major placeholder fed from outside: shape without the batch dimension. */
    public Tensor input(int... featureShape) {
        int[] s = new int[featureShape.length + 1];
        s[0] = -1;
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        Tensor t = new Tensor(this, s);
        inputs.add(t);
        return t;
    }

    /**
     * {@link #input} whose gradient is computed too (d loss / d input), for gradient checks of
     * layers and ops.
     */
    public Tensor differentiableInput(int... featureShape) {
        Tensor t = input(featureShape);
        t.needsGrad = true;
        return t;
    }

    void record(Op op) {
        ops.add(op);
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public List<Tensor> inputs() {
        return Collections.unmodifiableList(inputs);
    }
    /**
     * Keras's {@code add_loss}: a scalar tensor (shape {@code (1)}) added to the model's training
     * loss (regularization penalties). Ignored in graphs that compute no loss.
     */
    public void addLoss(Tensor scalar) {
        if (scalar.batched() || scalar.rowSize() != 1) {
            throw new IllegalArgumentException("add_loss takes a scalar, got " + scalar);
        }
        if (lossesWanted) losses.add(scalar);
    }

    /**
     * {@link #addLoss} of {@code make.get()}, unless a loss was added under {@code key} in this
     * graph already (a weight's penalty counts once however often its layer is called). The ops
     * are recorded only when the loss is wanted.
     */
    public void addLoss(Object key, Supplier<Tensor> make) {
        if (lossesWanted && lossKeys.put(key, Boolean.TRUE) == null) addLoss(make.get());
    }

    /** Whether {@link #addLoss} records anything (false for a predict-only graph, set before the model's call). */
    public void lossesWanted(boolean wanted) {
        this.lossesWanted = wanted;
    }

    /** The scalars added by {@link #addLoss}, in order. */
    public List<Tensor> losses() {
        return Collections.unmodifiableList(losses);
    }
}
