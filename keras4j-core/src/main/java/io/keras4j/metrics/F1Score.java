package io.keras4j.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code keras.metrics.F1Score(average=None, threshold=None)}: per class, the harmonic mean of
 * precision and recall over everything seen. Targets are one-hot (or multi-hot) rows.
 * <pre>
 * threshold None: pred_j = p_j &gt;= max(p) and |p_j| &gt; 1e-9     (the row's argmax, ties all counted)
 * otherwise:      pred_j = p_j &gt; threshold
 * tp_j += pred y;  fp_j += pred (1 - y);  fn_j += (1 - pred) y;  support_j += y   ("micro": summed over classes)
 * precision = tp / (tp + fp + 1e-7);  recall = tp / (tp + fn + 1e-7)
 * f1 = 2 * precision * recall / (precision + recall + 1e-7)
 * average: None -> per class;  "micro", "macro" -> mean;  "weighted" -> sum(f1 * support / (sum(support) + 1e-7))
 * </pre>
 * With {@code average} None Keras's result is the per-class vector ({@link #resultPerClass()});
 * {@link #result()}, the value logged by {@code fit}, is then its mean.
 */
public class F1Score extends Metric {
    private static final double EPS = 1e-7;
    private String average;
    private Double threshold;
    private double[] tp = new double[0], fp = new double[0], fn = new double[0], support = new double[0];

    public F1Score() {
        super("f1_score");
    }

    /** {@code F1Score(average)}: null, {@code "micro"}, {@code "macro"} or {@code "weighted"}. */
    public F1Score(String average) {
        this();
        average(average);
    }

    /** null (per class, default), {@code "micro"}, {@code "macro"} or {@code "weighted"}. */
    public F1Score average(String average) {
        String a = average == null ? null : average.toLowerCase(Locale.ROOT);
        if (a != null && !a.equals("micro") && !a.equals("macro") && !a.equals("weighted")) {
            throw new IllegalArgumentException("F1Score: invalid average '" + average
                    + "'; expected null, micro, macro or weighted");
        }
        this.average = a;
        reset();
        return this;
    }

    /** Predictions above it count as positive (default: the row's argmax). */
    public F1Score threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    @Override
    public void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        boolean micro = "micro".equals(average);
        int k = micro ? 1 : c;
        if (tp.length != k) {
            tp = new double[k];
            fp = new double[k];
            fn = new double[k];
            support = new double[k];
        }
        for (int r = 0; r < rows; r++) {
            int po = pOff + r * c, yo = yOff + r * c;
            float max = Float.NEGATIVE_INFINITY, th = threshold == null ? 0f : (float) (double) threshold;
            if (threshold == null) for (int j = 0; j < c; j++) max = Math.max(max, p[po + j]);
            for (int j = 0; j < c; j++) {
                float v = p[po + j];
                double pred = (threshold == null ? v >= max && Math.abs(v) > 1e-9f : v > th) ? 1 : 0;
                double t = y[yo + j];
                int i = micro ? 0 : j;
                tp[i] += pred * t;
                fp[i] += pred * (1 - t);
                fn[i] += (1 - pred) * t;
                support[i] += t;
            }
        }
    }

    /** Keras's result: one F1 per class (one value for {@code "micro"}), before the average. */
    public double[] resultPerClass() {
        double[] f = new double[tp.length];
        for (int i = 0; i < f.length; i++) {
            double precision = tp[i] / (tp[i] + fp[i] + EPS), recall = tp[i] / (tp[i] + fn[i] + EPS);
            f[i] = 2 * (precision * recall / (precision + recall + EPS));
        }
        return f;
    }

    @Override
    public double result() {
        if (tp.length == 0) return 0;
        double[] f = resultPerClass();
        double s = 0;
        if ("weighted".equals(average)) {
            double total = 0;
            for (double w : support) total += w;
            for (int i = 0; i < f.length; i++) s += f[i] * (support[i] / (total + EPS));
            return s;
        }
        for (double v : f) s += v;
        return s / f.length;
    }

    @Override
    public void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(fn, 0);
        Arrays.fill(support, 0);
    }
}
