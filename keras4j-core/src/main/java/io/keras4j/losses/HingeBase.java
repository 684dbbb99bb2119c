package io.keras4j.losses;

/**
 * The element-wise hinge losses: targets in {-1, 1}, or binary {0, 1} targets converted to
 * {-1, 1} when every target of the batch (the call) is 0 or 1, as Keras's
 * {@code convert_binary_labels_to_hinge}; the mean over the last axis of {@code f(1 - y * p)}.
 */
abstract class HingeBase extends Loss {

    HingeBase(String name) {
        super(name);
    }

    /** The loss of a margin term {@code m = 1 - y p}. */
    abstract double term(double m);

    /** d term / d m. */
    abstract float termGrad(float m);

    /** Whether every target in {@code y[yo .. yo+len)} is 0 or 1. */
    private static boolean binary(float[] y, int yo, int len) {
        boolean all = true;
        for (int i = 0; i < len; i++) {
            float t = y[yo + i];
            all &= t == 0f | t == 1f;
        }
        return all;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        return lossSum(p, po, y, yo, 1, c);
    }

    @Override
    public double lossSum(float[] p, int po, float[] y, int yo, int rows, int c) {
        int len = rows * c;
        boolean conv = binary(y, yo, len);
        double s = 0;
        for (int i = 0; i < len; i++) {
            float t = conv ? 2 * y[yo + i] - 1 : y[yo + i];
            s += term(1.0 - (double) t * p[po + i]);
        }
        return s / c;
    }

    @Override
    protected void rowLosses(float[] p, float[] y, int rows, int c, double[] out) {
        boolean conv = binary(y, 0, rows * c);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                int i = r * c + j;
                float t = conv ? 2 * y[i] - 1 : y[i];
                s += term(1.0 - (double) t * p[i]);
            }
            out[r] = s / c;
        }
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        gradRows(p, po, y, yo, 1, c, scale, dp, dpo);
    }

    @Override
    public void gradRows(float[] p, int po, float[] y, int yo, int rows, int c, float scale, float[] dp, int dpo) {
        int len = rows * c;
        boolean conv = binary(y, yo, len);
        float sc = scale / c;
        for (int i = 0; i < len; i++) {
            float t = conv ? 2 * y[yo + i] - 1 : y[yo + i];
            dp[dpo + i] += sc * termGrad(1f - t * p[po + i]) * -t;
        }
    }
}
