package io.keras4j.metrics;

import java.util.Arrays;

/**
 * {@code keras.metrics.MeanIoU(num_classes, ignore_class=None, sparse_y_true=True,
 * sparse_y_pred=True)}: the mean over classes of the intersection over union, from a confusion
 * matrix accumulated over every value seen.
 * <pre>
 * targets, predictions: class ids (cast to int), or argmax over the last axis when not sparse
 * iou_i = cm[i][i] / (sum_j cm[i][j] + sum_j cm[j][i] - cm[i][i])       (rows: targets, columns: predictions)
 * mean_iou = sum_i iou_i / #{i : denominator_i &gt; 0}                      (0 when there is none)
 * </pre>
 * With the defaults both targets and predictions are class ids of the same shape (a model's
 * softmax output needs {@code sparseYPred(false)}).
 */
public class MeanIoU extends Metric {
    private final int numClasses;
    private Integer ignoreClass;
    private boolean sparseYTrue = true, sparseYPred = true;
    private final double[] cm;

    public MeanIoU(int numClasses) {
        super("mean_io_u");
        if (numClasses < 1) throw new IllegalArgumentException("MeanIoU: num_classes must be >= 1, got " + numClasses);
        this.numClasses = numClasses;
        this.cm = new double[numClasses * numClasses];
    }

    /** A target class left out of the matrix (Keras's {@code ignore_class}, e.g. a void class). */
    public MeanIoU ignoreClass(int ignoreClass) {
        this.ignoreClass = ignoreClass;
        return this;
    }

    /** Whether targets are class ids (default) or one-hot rows. */
    public MeanIoU sparseYTrue(boolean sparse) {
        this.sparseYTrue = sparse;
        return this;
    }

    /** Whether predictions are class ids (default) or per-class scores (argmax taken). */
    public MeanIoU sparseYPred(boolean sparse) {
        this.sparseYPred = sparse;
        return this;
    }

    @Override
    public int targetWidth(int c) {
        if (sparseYPred) return sparseYTrue ? c : c * numClasses;
        return sparseYTrue ? 1 : c;
    }

    @Override
    public void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        int tw = targetWidth(c);
        for (int r = 0; r < rows; r++) {
            int yo = yOff + r * tw, po = pOff + r * c;
            if (!sparseYPred) {
                add(sparseYTrue ? (int) y[yo] : CategoricalAccuracy.argmax(y, yo, c), CategoricalAccuracy.argmax(p, po, c));
                continue;
            }
            for (int j = 0; j < c; j++) {
                int t = sparseYTrue ? (int) y[yo + j] : CategoricalAccuracy.argmax(y, yo + j * numClasses, numClasses);
                add(t, (int) p[po + j]);
            }
        }
    }

    private void add(int t, int p) {
        if (ignoreClass != null && t == ignoreClass) return;
        if (t < 0 || t >= numClasses || p < 0 || p >= numClasses) {
            throw new IllegalArgumentException(name() + ": class ids must be in [0, " + numClasses + "), got target " + t
                    + " and prediction " + p);
        }
        cm[t * numClasses + p]++;
    }

    @Override
    public double result() {
        double sum = 0;
        int valid = 0;
        for (int i = 0; i < numClasses; i++) {
            double row = 0, col = 0;
            for (int j = 0; j < numClasses; j++) {
                row += cm[i * numClasses + j];
                col += cm[j * numClasses + i];
            }
            double tp = cm[i * numClasses + i], denom = row + col - tp;
            if (denom != 0) {
                sum += tp / denom;
                valid++;
            }
        }
        return valid == 0 ? 0 : sum / valid;
    }

    @Override
    public void reset() {
        Arrays.fill(cm, 0);
    }
}
