package io.keras4j.engine;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;

/**
 * A primitive operation: shape inference in the constructor, {@link #forward} and its
 * vector-Jacobian product {@link #backward} side by side. Ops compute on the first {@code n}
 * rows of batch-major tensors; backward <em>adds</em> into the gradients of its inputs (the plan
 * zeroes them first), so a tensor used twice receives the sum; where an op is a tensor's only
 * consumer and says it can, the plan lets it overwrite that gradient instead and skips the zeroing.
 */
public abstract class Op {
    protected static final Kernels K = KernelsProvider.get();
    protected final Tensor[] in;
    protected final Tensor out;

    /** Records the op in the graph of its batched input and creates its output tensor. */
    protected Op(int[] outShape, Tensor... inputs) {
        this(null, outShape, inputs);
    }

    /**
     * An op recorded in {@code graph}, for ops whose inputs may all be parameters (a weight's
     * regularization penalty); null takes the graph of a batched input.
     */
    protected Op(Graph graph, int[] outShape, Tensor... inputs) {
        this.in = inputs;
        Graph g = graph;
        boolean grad = false;
        for (Tensor t : inputs) {
            if (t.graph != null) g = t.graph;
            grad |= t.needsGrad;
        }
        if (g == null) throw new IllegalStateException(getClass().getSimpleName() + " needs a graph input");
        this.out = new Tensor(g, outShape);
        this.out.producer = this;
        this.out.needsGrad = grad;
        g.record(this);
    }

    public final Tensor output() {
        return out;
    }

    public final Tensor[] inputs() {
        return in;
    }

    /** Computes {@code out} from the inputs for {@code n} samples. */
    public abstract void forward(int n);

    /** Adds d(loss)/d(input) into each input's gradient that is needed, from {@code out.grad}. */
    public abstract void backward(int n);

    /**
     * Whether {@link #backward} can write input {@code i}'s gradient outright instead of adding into
     * it, when {@link #overwrite} says so. Ops that only ever add leave this false.
     */
    protected boolean canOverwriteGrad(int i) {
        return false;
    }

    /**
     * Whether backward must overwrite input {@code i}'s gradient (not add into it): set by the plan
     * when this op is the tensor's only consumer, so the plan need not zero that gradient first.
     */
    protected final boolean overwrite(int i) {
        return overwrite != null && overwrite[i];
    }

    final void setOverwrite(int i) {
        if (overwrite == null) overwrite = new boolean[in.length];
        overwrite[i] = true;
    }

    private boolean[] overwrite;

    /** Whether a gradient must be computed into {@code t}. */
    protected static boolean g(Tensor t) {
        return t.needsGrad && t.grad != null;
    }
}
