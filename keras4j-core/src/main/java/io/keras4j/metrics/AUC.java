package io.keras4j.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code keras.metrics.AUC(num_thresholds=200, curve="ROC", summation_method="interpolation",
 * from_logits=False)}: the area under the ROC or precision-recall curve, from confusion counts at
 * {@code num_thresholds} evenly spaced thresholds, as Keras computes it.
 * <pre>
 * thresholds t_0 = -1e-7, t_i = i / (T - 1) (0 &lt; i &lt; T - 1), t_{T-1} = 1 + 1e-7
 * p = clip(from_logits ? sigmoid(p) : p, 0, 1);  label = y != 0 (all values flattened)
 * bucket(p) = max(ceil(p * (T - 1)) - 1, 0);  tp_i = #positives with bucket &gt;= i  (i.e. p &gt; t_i), fp_i likewise
 * ROC: x = fp / (fp + tn), y = tp / (tp + fn);  PR: x = recall, y = precision   (x / 0 = 0)
 * interpolation: auc = sum_i (x_i - x_{i+1}) * (y_i + y_{i+1}) / 2     (minoring: min, majoring: max)
 * PR + interpolation (Davis &amp; Goadrich):
 *   dtp = tp_i - tp_{i+1};  P = tp + fp;  dP = P_i - P_{i+1}
 *   slope = dtp / max(dP, 0);  intercept = tp_{i+1} - slope * P_{i+1}
 *   ratio = P_i &gt; 0 and P_{i+1} &gt; 0 ? P_i / P_{i+1} : 1
 *   auc = sum_i slope * (dtp + intercept * log(ratio)) / max(tp_{i+1} + fn_{i+1}, 0)      (x / 0 = 0)
 * </pre>
 * Only single-label AUC (Keras's {@code multi_label=False}: every prediction is one point).
 */
public class AUC extends Metric {
    private int numThresholds = 200;
    private String curve = "ROC", summationMethod = "interpolation";
    private boolean fromLogits;
    private double[] tpBucket = new double[200], fpBucket = new double[200], tp = new double[200], fp = new double[200];
    private double positives, negatives;

    public AUC() {
        super("auc");
    }

    /** {@code AUC(num_thresholds)}. */
    public AUC(int numThresholds) {
        this();
        numThresholds(numThresholds);
    }

    /** The number of thresholds (default 200, at least 2). */
    public AUC numThresholds(int numThresholds) {
        if (numThresholds <= 1) throw new IllegalArgumentException("AUC: num_thresholds must be an integer > 1, got " + numThresholds);
        this.numThresholds = numThresholds;
        tpBucket = new double[numThresholds];
        fpBucket = new double[numThresholds];
        tp = new double[numThresholds];
        fp = new double[numThresholds];
        reset();
        return this;
    }

    /** {@code "ROC"} (default) or {@code "PR"}. */
    public AUC curve(String curve) {
        String c = curve == null ? "" : curve.toUpperCase(Locale.ROOT);
        if (!c.equals("ROC") && !c.equals("PR")) throw new IllegalArgumentException("AUC: invalid curve '" + curve + "'; expected ROC or PR");
        this.curve = c;
        return this;
    }

    /** {@code "interpolation"} (default), {@code "minoring"} or {@code "majoring"}. */
    public AUC summationMethod(String method) {
        String m = method == null ? "" : method.toLowerCase(Locale.ROOT);
        if (!m.equals("interpolation") && !m.equals("minoring") && !m.equals("majoring")) {
            throw new IllegalArgumentException("AUC: invalid summation_method '" + method
                    + "'; expected interpolation, minoring or majoring");
        }
        this.summationMethod = m;
        return this;
    }

    /** Whether predictions are logits (passed through a sigmoid first; default false). */
    public AUC fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    @Override
    public void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        int n = rows * c;
        float scale = numThresholds - 1;
        for (int i = 0; i < n; i++) {
            float v = p[pOff + i];
            if (fromLogits) v = (float) (1 / (1 + Math.exp(-v)));
            v = Math.min(Math.max(v, 0f), 1f);
            int b = Math.max((int) Math.ceil(v * scale) - 1, 0);
            if (y[yOff + i] != 0) {
                tpBucket[b]++;
                positives++;
            } else {
                fpBucket[b]++;
                negatives++;
            }
        }
    }

    @Override
    public double result() {
        int t = numThresholds;
        double st = 0, sf = 0;
        for (int i = t - 1; i >= 0; i--) {
            st += tpBucket[i];
            sf += fpBucket[i];
            tp[i] = st;
            fp[i] = sf;
        }
        if (curve.equals("PR") && summationMethod.equals("interpolation")) return interpolatePrAuc(tp, fp);
        double auc = 0;
        for (int i = 0; i + 1 < t; i++) {
            double x0, x1, y0, y1;
            if (curve.equals("ROC")) {
                x0 = div(fp[i], negatives);
                x1 = div(fp[i + 1], negatives);
                y0 = div(tp[i], positives);
                y1 = div(tp[i + 1], positives);
            } else {
                x0 = div(tp[i], positives);
                x1 = div(tp[i + 1], positives);
                y0 = div(tp[i], tp[i] + fp[i]);
                y1 = div(tp[i + 1], tp[i + 1] + fp[i + 1]);
            }
            double h = summationMethod.equals("interpolation") ? (y0 + y1) / 2
                    : summationMethod.equals("minoring") ? Math.min(y0, y1) : Math.max(y0, y1);
            auc += (x0 - x1) * h;
        }
        return auc;
    }

    private double interpolatePrAuc(double[] tp, double[] fp) {
        double auc = 0;
        for (int i = 0; i + 1 < numThresholds; i++) {
            double dtp = tp[i] - tp[i + 1];
            double p0 = tp[i] + fp[i], p1 = tp[i + 1] + fp[i + 1];
            double slope = div(dtp, Math.max(p0 - p1, 0));
            double intercept = tp[i + 1] - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? div(p0, Math.max(p1, 0)) : 1;
            double fn1 = positives - tp[i + 1];
            auc += div(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1] + fn1, 0));
        }
        return auc;
    }

    /** Keras's {@code divide_no_nan}: 0 where the divisor is 0. */
    private static double div(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    @Override
    public void reset() {
        Arrays.fill(tpBucket, 0);
        Arrays.fill(fpBucket, 0);
        positives = negatives = 0;
    }
}
