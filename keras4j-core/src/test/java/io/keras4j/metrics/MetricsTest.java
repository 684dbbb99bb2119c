package io.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stateful metrics against {@code metrics/expected.txt}, computed from Keras 3's definitions in
 * float64 numpy by {@code metrics/reference_metrics.py} (kept beside it; AUC there counts
 * {@code p > t} at every threshold, independently of the bucketing used here and in Keras).
 */
class MetricsTest {
    static final float[][] Y = {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 0}};
    static final float[][] P = {{0.1f, 0.6f, 0.2f, 0.1f}, {0.3f, 0.3f, 0.3f, 0.1f}, {0.5f, 0.1f, 0.1f, 0.3f},
        {0.2f, 0.2f, 0.55f, 0.05f}, {0.4f, 0.35f, 0.15f, 0.1f}};
    static Map<String, double[]> want = new HashMap<>();
    static float[] scores, labels;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MetricsTest.class.getResourceAsStream("/metrics/expected.txt")) {
            assertNotNull(in, "metrics/expected.txt on the test class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split(" ");
                double[] v = new double[f.length - 1];
                for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(f[i + 1]);
                want.put(f[0], v);
            }
        }
        double[] s = want.get("scores"), l = want.get("labels");
        scores = new float[s.length];
        labels = new float[l.length];
        for (int i = 0; i < s.length; i++) {
            scores[i] = (float) s[i];
            labels[i] = (float) l[i];
        }
    }

    private static double value(Metric m, float[][] y, float[][] p) {
        m.updateState(NDArray.of(y), NDArray.of(p));
        return m.result();
    }

    private static void check(String key, double got) {
        assertEquals(want.get(key)[0], got, 1e-9 + 1e-7 * Math.abs(want.get(key)[0]), key);
    }

    @Test
    void aucMatchesKerasWithin1e6OnTwoHundredScores() {
        NDArray y = NDArray.of(labels, 200), p = NDArray.of(scores, 200);
        String[][] cases = {{"auc_roc", "ROC", "interpolation"}, {"auc_pr", "PR", "interpolation"},
            {"auc_roc_minoring", "ROC", "minoring"}, {"auc_pr_majoring", "PR", "majoring"}};
        for (String[] c : cases) {
            AUC auc = new AUC().curve(c[1]).summationMethod(c[2]);
            auc.updateState(y, p);
            assertEquals(want.get(c[0])[0], auc.result(), 1e-6, c[0]);
        }
        AUC t10 = new AUC(10);
        t10.updateState(y, p);
        assertEquals(want.get("auc_roc_t10")[0], t10.result(), 1e-6);
        // state accumulates over calls: two halves give the whole
        AUC halves = new AUC();
        halves.updateState(NDArray.of(java.util.Arrays.copyOf(labels, 100), 100), NDArray.of(java.util.Arrays.copyOf(scores, 100), 100));
        halves.updateState(NDArray.of(java.util.Arrays.copyOfRange(labels, 100, 200), 100),
                NDArray.of(java.util.Arrays.copyOfRange(scores, 100, 200), 100));
        assertEquals(want.get("auc_roc")[0], halves.result(), 1e-6, "accumulated over two updates");
        AUC doc = new AUC(3);
        doc.updateState(NDArray.of(new float[] {0, 0, 1, 1}, 4), NDArray.of(new float[] {0, 0.5f, 0.3f, 0.9f}, 4));
        assertEquals(0.75, doc.result(), 1e-12, "the Keras docstring example");
        doc.resetState();
        assertEquals(0.0, doc.result());
    }

    @Test
    void precisionAndRecallWithThresholdTopKAndClassId() {
        check("precision", value(new Precision(), Y, P));
        check("recall", value(new Recall(), Y, P));
        check("precision_t025", value(new Precision().thresholds(0.25), Y, P));
        check("recall_t025", value(new Recall().thresholds(0.25), Y, P));
        check("precision_top2", value(new Precision().topK(2), Y, P));
        check("recall_top2", value(new Recall().topK(2), Y, P));
        check("precision_class1_t03", value(new Precision().classId(1).thresholds(0.3), Y, P));
        check("recall_class1_t03", value(new Recall().classId(1).thresholds(0.3), Y, P));
        assertEquals(0.0, new Precision().result(), "0 before any update");
    }

    @Test
    void topKAccuracies() {
        check("top2", value(new TopKCategoricalAccuracy(2), Y, P));
        check("top1", value(new TopKCategoricalAccuracy(1), Y, P));
        SparseTopKCategoricalAccuracy s = new SparseTopKCategoricalAccuracy(2);
        s.updateState(NDArray.of(new float[] {1, 0, 3, 2, 1}, 5), NDArray.of(P));
        check("sparse_top2", s.result());
    }

    @Test
    void f1ScoreAverages() {
        F1Score none = new F1Score();
        none.updateState(NDArray.of(Y), NDArray.of(P));
        double[] perClass = none.resultPerClass(), w = want.get("f1_none");
        for (int i = 0; i < w.length; i++) assertEquals(w[i], perClass[i], 1e-7, "class " + i);
        check("f1_macro", value(new F1Score("macro"), Y, P));
        check("f1_micro", value(new F1Score("micro"), Y, P));
        check("f1_weighted_t03", value(new F1Score("weighted").threshold(0.3), Y, P));
    }

    @Test
    void meanIoU() {
        NDArray yt = NDArray.of(new float[] {0, 1, 2, 2, 1, 0, 1, 2}, 8), yp = NDArray.of(new float[] {0, 2, 2, 1, 1, 0, 0, 2}, 8);
        MeanIoU m = new MeanIoU(3);
        m.updateState(yt, yp);
        check("miou", m.result());
        MeanIoU ig = new MeanIoU(3).ignoreClass(0);
        ig.updateState(yt, yp);
        check("miou_ignore0", ig.result());
        check("miou_argmax", value(new MeanIoU(4).sparseYTrue(false).sparseYPred(false), Y, P));
        assertThrows(IllegalArgumentException.class, () -> new MeanIoU(2).updateState(yt, yp));
    }

    @Test
    void regressionMetrics() {
        float[][] t = {{1.0f, -2.0f, 0.0f}, {3.0f, 0.5f, -1.0f}}, p = {{1.5f, -1.0f, 0.2f}, {2.0f, 0.5f, 0.0f}};
        check("rmse", value(new RootMeanSquaredError(), t, p));
        assertEquals(want.get("mape")[0], value(new MeanAbsolutePercentageError(), t, p), 1e-6 * want.get("mape")[0]);
    }

    @Test
    void namesAsKerasLogsThem() {
        int[] ys = {5, 4}, ps = {5, 4};
        assertInstanceOf(Precision.class, Metrics.get("precision", ys, ps));
        assertInstanceOf(AUC.class, Metrics.get("AUC", ys, ps));
        assertEquals("AUC", Metrics.get("AUC", ys, ps).name(), "logged under the string given");
        assertInstanceOf(F1Score.class, Metrics.get("f1_score", ys, ps));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("RootMeanSquaredError", ys, ps));
        assertInstanceOf(MeanAbsolutePercentageError.class, Metrics.get("mape", ys, ps));
        assertInstanceOf(TopKCategoricalAccuracy.class, Metrics.get("top_k_categorical_accuracy", ys, ps));
        assertEquals("auc", new AUC().name());
        assertEquals("mean_io_u", new MeanIoU(2).name());
        assertEquals("pr_auc", new AUC().curve("PR").name("pr_auc").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Precision().updateState(NDArray.zeros(5, 3), NDArray.zeros(5, 4)));
        assertEquals(true, e.getMessage().contains("(5, 3)") && e.getMessage().contains("(5, 4)"), e.getMessage());
    }
}
