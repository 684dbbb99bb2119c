package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;

/**
 * The fused Dense step {@code y = act(x @ w + b)} for {@code act} linear or relu: one kernel call
 * ({@code Kernels.gemmBias}: the bias and the activation applied as the GEMM writes its output)
 * instead of three ops, three buffers and three passes.
 * <pre>
 * forward:  y (M,N) = act(x (M,K) @ w (K,N) + b (N))            M = samples * (other axes)
 * backward: dz = dy * act'(y)          (in place in dy: this op is the only reader of dy)
 *           db += sum over rows of dz;  dw += x^T @ dz;  dx += dz @ w^T
 * </pre>
 * Composed of {@link MatMul}, {@link BiasAdd} and {@link Relu} it gives the same numbers; it
 * exists for speed (see ARCHITECTURE.md, "composite ops are fused on purpose").
 */
public final class DenseOp extends Op {
    /** Calls of at most this many rows tell the kernel whether the weights are finite. */
    private static final int FEW_ROWS = 4;
    /** Larger weights get no packed copy (16 MiB of floats): a predict should not double a big model's memory. */
    private static final int MAX_PACKED = 1 << 22;
    private final int k, units;
    private final boolean relu;
    /**
     * The kernels' packed form of the weights for few-row calls, of {@code packedVersion}: state of
     * this op, so of one plan, which serves one call at a time (concurrent predicts each take their
     * own plan). Tagged with the version read before packing, so a copy made while an update was
     * writing the weights is never taken for the new version's.
     */
    private float[] packed;
    private int packedVersion = -1, lastVersion = -1;

    /** @param b the bias, or null for none */
    public DenseOp(Tensor x, Tensor w, Tensor b, boolean relu) {
        super(outShape(x, w, b), b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
        this.k = w.dim(0);
        this.units = w.dim(1);
        this.relu = relu;
    }

    private static int[] outShape(Tensor x, Tensor w, Tensor b) {
        if (w.rank() != 2 || x.dim(-1) != w.dim(0) || (b != null && (b.rank() != 1 || b.dim(0) != w.dim(1)))) {
            throw new IllegalArgumentException("dense: cannot apply kernel " + NDArray.shapeString(w.shape())
                    + (b == null ? "" : " and bias " + NDArray.shapeString(b.shape())) + " to " + NDArray.shapeString(x.shape()));
        }
        int[] s = x.shape();
        s[s.length - 1] = w.dim(1);
        return s;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], w = in[1], b = in.length == 3 ? in[2] : null;
        int m = x.size(n) / k;
        if (m > FEW_ROWS || !(w instanceof Variable)) {
            K.gemmBias(m, units, k, x.data, x.off, w.data, w.off, b == null ? null : b.data, b == null ? 0 : b.off, relu,
                    out.data, out.off);
            return;
        }
        // a few rows (a single-sample predict) may skip the weights of zero inputs when the weights
        // are finite, checked once after each change (0 * inf is NaN, as in Keras), and may read
        // them packed
        Variable v = (Variable) w;
        K.gemmBiasFewRows(m, units, k, x.data, x.off, w.data, w.off, packed(v), b == null ? null : b.data,
                b == null ? 0 : b.off, relu, v.allFinite(), out.data, out.off);
    }

    /**
     * The packed weights, made when they are the same as at the previous few-row call (so single
     * predicts between training steps do not copy the weights each time), else null.
     */
    private float[] packed(Variable v) {
        int version = v.version();
        if (packedVersion == version) return packed;
        if (lastVersion != version) {
            lastVersion = version;
            return null;
        }
        int size = K.packedSizeForFewRows(k, units);
        if (size == 0 || size > MAX_PACKED) return null;
        if (packed == null || packed.length != size) packed = new float[size];
        K.packForFewRows(k, units, v.data, v.off, packed);
        packedVersion = version;
        return packed;
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], w = in[1];
        int m = x.size(n) / k;
        boolean db = in.length == 3 && g(in[2]);
        K.reluBackwardSumRows(m, units, relu ? out.data : null, out.off, out.grad, out.goff, db ? in[2].grad : null,
                db ? in[2].goff : 0, db && !overwrite(2));
        if (g(w)) K.gemmTN(k, units, m, x.data, x.off, out.grad, out.goff, w.grad, w.goff, !overwrite(1));
        if (g(x)) K.gemmNT(m, k, units, out.grad, out.goff, w.data, w.off, x.grad, x.goff, !overwrite(0));
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true; // each input's gradient is one kernel call that can overwrite
    }
}
