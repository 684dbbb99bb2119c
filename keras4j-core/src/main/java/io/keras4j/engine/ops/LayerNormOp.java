package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Layer normalization over the last axis (c values per row).
 * <pre>
 * forward:  mean_r, var_r over the row (var biased);  invStd_r = 1 / sqrt(var_r + eps)
 *           xhat = (x - mean_r) * invStd_r;   y = xhat * gamma + beta
 * backward: g = dy * gamma
 *           dx (+)= invStd_r * (g - mean(g) - xhat * mean(g * xhat))
 *           dgamma += sum over rows of dy * xhat;   dbeta += sum over rows of dy
 * </pre>
 * gamma and beta may be null ({@code scale=False}, {@code center=False}). The per-row mean and
 * 1/std are kept for the backward pass, in buffers allocated at the first call for the plan's
 * capacity.
 */
public final class LayerNormOp extends Op {
    private final int c;
    private final float epsilon;
    private final Tensor gamma, beta;
    private float[] mean, invStd;

    public LayerNormOp(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        super(x.shape(), inputs(x, gamma, beta));
        this.c = x.dim(-1);
        if ((gamma != null && gamma.rowSize() != c) || (beta != null && beta.rowSize() != c)) {
            throw new IllegalArgumentException("layer_norm: gamma/beta do not match " + NDArray.shapeString(x.shape()));
        }
        this.gamma = gamma;
        this.beta = beta;
        this.epsilon = (float) epsilon;
    }

    private static Tensor[] inputs(Tensor x, Tensor gamma, Tensor beta) {
        if (gamma != null && beta != null) return new Tensor[] {x, gamma, beta};
        if (gamma != null) return new Tensor[] {x, gamma};
        if (beta != null) return new Tensor[] {x, beta};
        return new Tensor[] {x};
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int rows = x.size(n) / c;
        if (mean == null) {
            mean = new float[out.data.length / c];
            invStd = new float[mean.length];
        }
        K.rowNormalize(rows, c, x.data, x.off, epsilon, gamma == null ? null : gamma.data, gamma == null ? 0 : gamma.off,
                beta == null ? null : beta.data, beta == null ? 0 : beta.off, out.data, out.off, mean, invStd);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int rows = x.size(n) / c;
        boolean gg = gamma != null && g(gamma), gb = beta != null && g(beta);
        K.rowNormalizeBackward(rows, c, x.data, x.off, out.grad, out.goff, gamma == null ? null : gamma.data,
                gamma == null ? 0 : gamma.off, mean, invStd, g(x) ? x.grad : null, x.goff, !overwrite(0),
                gg ? gamma.grad : null, gg ? gamma.goff : 0, gb ? beta.grad : null, gb ? beta.goff : 0);
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return i == 0;
    }
}
