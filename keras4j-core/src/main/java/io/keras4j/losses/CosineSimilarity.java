package io.keras4j.losses;

/**
 * {@code keras.losses.CosineSimilarity(axis=-1, reduction="sum_over_batch_size")}: minus the
 * cosine of targets and predictions along the last axis (-1 is most similar).
 * <pre>
 * l2_norm(x) = x * min(1 / sqrt(sum_j x_j^2), 1 / 1e-7)
 * loss = -sum_j l2_norm(y)_j * l2_norm(p)_j
 * </pre>
 */
public final class CosineSimilarity extends Loss {
    private static final double INV_EPS = 1e7;

    public CosineSimilarity() {
        super("cosine_similarity");
    }

    @Override
    public CosineSimilarity reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    private static double invNorm(float[] x, int o, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) s += (double) x[o + j] * x[o + j];
        return Math.min(1 / Math.sqrt(s), INV_EPS);
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double dot = 0;
        for (int j = 0; j < c; j++) dot += (double) y[yo + j] * p[po + j];
        return -dot * invNorm(y, yo, c) * invNorm(p, po, c);
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        double iy = invNorm(y, yo, c), ip = invNorm(p, po, c), dot = 0;
        for (int j = 0; j < c; j++) dot += (double) y[yo + j] * p[po + j];
        // d/dp of -(y.p) iy ip: -iy (ip y - (y.p) ip^3 p) while the norm is above 1e-7, else -iy y 1e7
        boolean clipped = ip == INV_EPS;
        for (int j = 0; j < c; j++) {
            double g = clipped ? -iy * INV_EPS * y[yo + j] : -iy * (ip * y[yo + j] - dot * ip * ip * ip * p[po + j]);
            dp[dpo + j] += scale * (float) g;
        }
    }
}
