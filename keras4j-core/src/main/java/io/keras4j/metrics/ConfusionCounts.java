package io.keras4j.metrics;

/**
 * The single-threshold confusion counts behind {@link Precision} and {@link Recall}, as Keras's
 * {@code update_confusion_matrix_variables}: a prediction is positive when it is above the
 * threshold ({@code >}) and, with {@code top_k}, among the row's k largest (ties to the lower
 * index, as {@code top_k}); a target is positive when non-zero; with {@code class_id} only that
 * column counts. Default threshold 0.5, or none (-inf) when {@code top_k} is set.
 */
abstract class ConfusionCounts extends Metric {
    private Double threshold;
    private int topK, classId = -1;
    double tp, fp, fn, tn;

    ConfusionCounts(String name) {
        super(name);
    }

    void setThreshold(double t) {
        this.threshold = t;
    }

    void setTopK(int k) {
        if (k < 1) throw new IllegalArgumentException(name() + ": top_k must be >= 1, got " + k);
        this.topK = k;
    }

    void setClassId(int id) {
        if (id < 0) throw new IllegalArgumentException(name() + ": class_id must be >= 0, got " + id);
        this.classId = id;
    }

    @Override
    public void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        if (classId >= c) throw new IllegalArgumentException(name() + ": class_id " + classId + " is out of range for " + c + " classes");
        float t = threshold != null ? (float) (double) threshold : topK > 0 ? Float.NEGATIVE_INFINITY : 0.5f; // compared in float32, as Keras
        int from = classId >= 0 ? classId : 0, to = classId >= 0 ? classId + 1 : c;
        for (int r = 0; r < rows; r++) {
            int po = pOff + r * c, yo = yOff + r * c;
            for (int j = from; j < to; j++) {
                float v = topK > 0 && !inTopK(p, po, c, j) ? Float.NEGATIVE_INFINITY : p[po + j];
                boolean pos = v > t, label = y[yo + j] != 0;
                if (pos && label) tp++;
                else if (pos) fp++;
                else if (label) fn++;
                else tn++;
            }
        }
    }

    /** Whether column j is among the k largest of the row (ties: the lower index first). */
    private boolean inTopK(float[] p, int po, int c, int j) {
        float v = p[po + j];
        int before = 0;
        for (int i = 0; i < c; i++) if (p[po + i] > v || (p[po + i] == v && i < j)) before++;
        return before < topK;
    }

    @Override
    public void reset() {
        tp = fp = fn = tn = 0;
    }
}
