package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;

/**
 * Batch normalization over one axis, forward and backward fused per channel. A sample is viewed
 * as {@code (outer, c, inner)} around the normalised axis (axis -1: inner = 1); each channel's
 * statistics run over the {@code N = samples * outer * inner} values it has in the batch.
 * <pre>
 * training:  mean, var = moments over the batch (var biased, / N);  invStd = 1 / sqrt(var + eps)
 *            y = (x - mean) * invStd * gamma + beta
 *            moving_mean = moving_mean * momentum + mean * (1 - momentum)   (likewise moving_var)
 * inference: the same y with moving_mean and moving_var, which do not change
 * backward (training), xc = x - mean:
 *            dbeta += sum dy;   dgamma += invStd * sum dy * xc
 *            dx (+)= gamma * invStd * (dy - sum dy / N - xc * invStd^2 * sum(dy * xc) / N)
 * backward (inference): dx (+)= dy * gamma * invStd, the statistics being constants
 * </pre>
 * gamma and beta may be null ({@code scale=False}, {@code center=False}: 1 and 0).
 * Every buffer is per channel and allocated here.
 */
public final class BatchNormOp extends Op {
    private final int outer, c, inner;
    private final float momentum, epsilon;
    private final boolean training;
    private final Tensor gamma, beta;
    private final Variable movingMean, movingVar;
    private final float[] mean, var, invStd, scale, shift, sumDy, sumDyXc, a, b, k;
    private final double[] work;

    /**
     * @param axis the normalised axis of x, counted from the start (the batch is 0)
     * @param gamma the scale (c), or null;  beta the offset (c), or null
     */
    public BatchNormOp(Tensor x, int axis, Tensor gamma, Tensor beta, Variable movingMean, Variable movingVar, double momentum,
                       double epsilon, boolean training) {
        super(x.shape(), inputs(x, gamma, beta, movingMean, movingVar));
        if (axis < 1 || axis >= x.rank() || movingMean.size() != x.dim(axis)) {
            throw new IllegalArgumentException("batch_norm: axis " + axis + " and statistics " + NDArray.shapeString(movingMean.shape())
                    + " do not match " + NDArray.shapeString(x.shape()));
        }
        int o = 1, in = 1;
        for (int d = 1; d < axis; d++) o *= x.dim(d);
        for (int d = axis + 1; d < x.rank(); d++) in *= x.dim(d);
        this.outer = o;
        this.c = x.dim(axis);
        this.inner = in;
        this.gamma = gamma;
        this.beta = beta;
        this.movingMean = movingMean;
        this.movingVar = movingVar;
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        this.training = training;
        mean = new float[c];
        var = new float[c];
        invStd = new float[c];
        scale = new float[c];
        shift = new float[c];
        sumDy = new float[c];
        sumDyXc = new float[c];
        a = new float[c];
        b = new float[c];
        k = new float[c];
        work = new double[2 * c];
    }

    private static Tensor[] inputs(Tensor x, Tensor gamma, Tensor beta, Variable mm, Variable mv) {
        int n = 3 + (gamma == null ? 0 : 1) + (beta == null ? 0 : 1);
        Tensor[] t = new Tensor[n];
        int i = 0;
        t[i++] = x;
        if (gamma != null) t[i++] = gamma;
        if (beta != null) t[i++] = beta;
        t[i++] = mm;
        t[i] = mv;
        return t;
    }

    /** The batch mean of the last training forward call, per channel. For tests. */
    public float[] batchMean() {
        return mean.clone();
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int rowsOuter = n * outer;
        if (training) {
            K.channelMoments(rowsOuter, c, inner, x.data, x.off, mean, var, work);
        } else {
            System.arraycopy(movingMean.data, movingMean.off, mean, 0, c);
            System.arraycopy(movingVar.data, movingVar.off, var, 0, c);
        }
        for (int ch = 0; ch < c; ch++) {
            invStd[ch] = (float) (1 / Math.sqrt(var[ch] + epsilon));
            float s = gamma == null ? invStd[ch] : invStd[ch] * gamma.data[gamma.off + ch];
            scale[ch] = s;
            shift[ch] = (beta == null ? 0f : beta.data[beta.off + ch]) - mean[ch] * s;
        }
        K.channelScaleShift(rowsOuter, c, inner, x.data, x.off, scale, shift, out.data, out.off);
        if (training) {
            float keep = momentum, take = 1f - momentum;
            for (int ch = 0; ch < c; ch++) {
                int mo = movingMean.off + ch, vo = movingVar.off + ch;
                movingMean.data[mo] = movingMean.data[mo] * keep + mean[ch] * take;
                movingVar.data[vo] = movingVar.data[vo] * keep + var[ch] * take;
            }
            movingMean.changed();
            movingVar.changed();
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int rowsOuter = n * outer;
        K.channelGradSums(rowsOuter, c, inner, x.data, x.off, out.grad, out.goff, mean, sumDy, sumDyXc, work);
        if (gamma != null && g(gamma)) {
            for (int ch = 0; ch < c; ch++) gamma.grad[gamma.goff + ch] += sumDyXc[ch] * invStd[ch];
        }
        if (beta != null && g(beta)) {
            for (int ch = 0; ch < c; ch++) beta.grad[beta.goff + ch] += sumDy[ch];
        }
        if (!g(x)) return;
        float count = (float) rowsOuter * inner;
        for (int ch = 0; ch < c; ch++) {
            float gi = scale[ch]; // gamma * invStd
            a[ch] = gi;
            if (training) {
                b[ch] = -gi * invStd[ch] * invStd[ch] * sumDyXc[ch] / count;
                k[ch] = -gi * sumDy[ch] / count;
            } else {
                b[ch] = 0f;
                k[ch] = 0f;
            }
        }
        K.channelInputGrad(rowsOuter, c, inner, out.grad, out.goff, x.data, x.off, mean, a, b, k, x.grad, x.goff, !overwrite(0));
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return i == 0;
    }
}
