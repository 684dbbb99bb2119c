package io.keras4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The op graph of one model call, recorded in execution order while layers call their ops
 * (a tape made once, at plan time, never during training).
 */
public final class Graph {
    private final List<Op> ops = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();

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
}
