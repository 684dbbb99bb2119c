package io.keras4j.engine.ops;

import io.keras4j.engine.Graph;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * A regularization penalty: a scalar function of every value of {@code x} (a weight, or a layer's
 * output for the whole batch, as Keras's activity regularizers see it).
 * <pre>
 * forward:  p (1) = fn(x)                    x: all values (n samples when batched)
 * backward: dx += dp * d fn / dx
 * </pre>
 */
public final class Penalty extends Op {
    private final PenaltyFn fn;

    /** The penalty of a batched tensor (activity regularization). */
    public Penalty(Tensor x, PenaltyFn fn) {
        this(null, x, fn);
    }

    /** The penalty of {@code x} (a weight), recorded in {@code graph}. */
    public Penalty(Graph graph, Tensor x, PenaltyFn fn) {
        super(graph, new int[] {1}, x);
        this.fn = fn;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        out.data[out.off] = (float) fn.value(x.data, x.off, x.size(n));
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (g(x)) fn.addGradient(x.data, x.off, x.size(n), out.grad[out.goff], x.grad, x.goff);
    }
}
