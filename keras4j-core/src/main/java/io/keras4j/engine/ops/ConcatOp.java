package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * {@code ops.concatenate(xs, axis)} along a non-batch axis of batch-major tensors; the other
 * axes must agree.
 * <pre>
 * forward:  y[..., offset_i : offset_i + d_i, ...] = x_i
 * backward: dx_i += dy[..., offset_i : offset_i + d_i, ...]
 * </pre>
 */
public final class ConcatOp extends Op {
    private final int outer, outChunk;
    private final int[] chunks;

    /** @param axis the axis of the batched shape, 1 .. rank-1 */
    public ConcatOp(int axis, Tensor... inputs) {
        super(shape(axis, inputs), inputs);
        int[] s = inputs[0].shape();
        int o = 1;
        for (int a = 1; a < axis; a++) o *= s[a];
        outer = o;
        chunks = new int[inputs.length];
        int total = 0;
        for (int i = 0; i < inputs.length; i++) {
            int c = 1;
            int[] si = inputs[i].shape();
            for (int a = axis; a < si.length; a++) c *= si[a];
            chunks[i] = c;
            total += c;
        }
        outChunk = total;
    }

    private static int[] shape(int axis, Tensor[] inputs) {
        int[] s = inputs[0].shape().clone();
        if (axis < 1 || axis >= s.length) throw new IllegalArgumentException("concatenate: axis " + axis + " out of range");
        int d = 0;
        for (Tensor t : inputs) d += t.shape()[axis];
        s[axis] = d;
        return s;
    }

    @Override
    public void forward(int n) {
        int rows = n * outer;
        for (int r = 0; r < rows; r++) {
            int yo = out.off + r * outChunk;
            for (int i = 0; i < in.length; i++) {
                System.arraycopy(in[i].data, in[i].off + r * chunks[i], out.data, yo, chunks[i]);
                yo += chunks[i];
            }
        }
    }

    @Override
    public void backward(int n) {
        int rows = n * outer;
        for (int r = 0; r < rows; r++) {
            int yo = out.goff + r * outChunk;
            for (int i = 0; i < in.length; i++) {
                Tensor t = in[i];
                if (g(t)) {
                    int xo = t.goff + r * chunks[i];
                    for (int j = 0; j < chunks[i]; j++) t.grad[xo + j] += out.grad[yo + j];
                }
                yo += chunks[i];
            }
        }
    }
}
