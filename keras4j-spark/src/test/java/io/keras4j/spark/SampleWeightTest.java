package io.keras4j.spark;

import static io.keras4j.models.ReferenceRun.closeAll;
import static io.keras4j.spark.SparkTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.ReferenceRun;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Sample and class weights: synchronous mode over 3 partitions equals one machine's {@code fit}
 * with the same {@code sampleWeight} / {@code classWeight} (History and final weights, with
 * shuffling and a validation split, whose rows keep their weights as in {@code fit}); averaging
 * over one partition equals it too; and the weights matter (the unweighted run differs).
 */
class SampleWeightTest {
    private static final int N = 103, D = 4, C = 3;

    private static float[] xs() {
        float[] x = new float[N * D];
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) x[i * D + j] = (float) Math.sin(i * 0.37 + j * 1.3) + (i % C == j ? 1f : 0f);
        return x;
    }

    private static float label(int i) {
        return (i * 7 + i / 5) % C; // not periodic in the partition size
    }

    /** Weights 0 to 3 in steps of 0.5, some rows weighing nothing. */
    private static float weight(int i) {
        return (i * 5 % 7) * 0.5f;
    }

    private static Sequential model(List<NDArray> init) {
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(D), new Dense(C, "softmax"));
        m.compile(new Adam().learningRate(0.05), "sparse_categorical_crossentropy", "accuracy");
        if (init != null) m.setWeights(init);
        return m;
    }

    /** Rows (features array<float>, label double, weight double) over {@code parts} partitions. */
    private static Dataset<Row> weighted(float[] x, int parts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(RowFactory.create(Arrays.copyOfRange(x, i * D, (i + 1) * D), (double) label(i), (double) weight(i)));
        }
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        return frame(rows, schema, parts);
    }

    private static NDArray y() {
        float[] y = new float[N];
        for (int i = 0; i < N; i++) y[i] = label(i);
        return NDArray.of(y, N);
    }

    private static NDArray sw() {
        float[] w = new float[N];
        for (int i = 0; i < N; i++) w[i] = weight(i);
        return NDArray.of(w, N);
    }

    private static void same(History h1, Sequential m1, History h2, Sequential m2) {
        assertEquals(h1.history().keySet(), h2.history().keySet());
        for (Map.Entry<String, List<Double>> e : h1.history().entrySet()) {
            List<Double> b = h2.history().get(e.getKey());
            assertEquals(e.getValue().size(), b.size(), e.getKey() + " epochs");
            for (int i = 0; i < b.size(); i++) ReferenceRun.close(e.getValue().get(i), b.get(i), 1e-4, 1e-6, e.getKey() + " " + i);
        }
        List<NDArray> w1 = m1.getWeights(), w2 = m2.getWeights();
        for (int i = 0; i < w1.size(); i++) closeAll(w1.get(i).toFloatArray(), w2.get(i).toFloatArray(), 1e-3, 1e-5, "weight " + i);
    }

    @Test
    void synchronousWeightColumnEqualsFitWithSampleWeight() {
        float[] x = xs();
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());
        Sequential plain = model(local.getWeights());
        FitOptions o = new FitOptions().epochs(4).batchSize(16).shuffle(true).validationSplit(0.2).verbose(0);
        Utils.setRandomSeed(5);
        History h1 = local.fit(NDArray.of(x, N, D), y(), new FitOptions().epochs(4).batchSize(16).shuffle(true)
                .validationSplit(0.2).verbose(0).sampleWeight(sw()));
        Utils.setRandomSeed(5);
        History h2 = new SparkModel(dist).fit(weighted(x, 3), "features", "label", "w", o);
        same(h1, local, h2, dist);

        Utils.setRandomSeed(5);
        History h3 = new SparkModel(plain).fit(weighted(x, 3), "features", "label", o);
        assertNotEquals(h1.history().get("loss").get(0), h3.history().get("loss").get(0), 1e-3, "the weights change the loss");
    }

    @Test
    void synchronousClassWeightEqualsFitWithClassWeight() {
        float[] x = xs();
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());
        Map<Integer, Double> cw = Map.of(0, 0.25, 2, 3.0); // class 1 missing: weighs 1
        FitOptions o = new FitOptions().epochs(3).batchSize(10).shuffle(false).classWeight(cw).verbose(0);
        History h1 = local.fit(NDArray.of(x, N, D), y(), o);
        History h2 = new SparkModel(dist).fit(weighted(x, 3), "features", "label", o);
        same(h1, local, h2, dist);
    }

    @Test
    void averagingOverOnePartitionEqualsFitWithSampleWeight() {
        float[] x = xs();
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());
        FitOptions o = new FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0);
        History h1 = local.fit(NDArray.of(x, N, D), y(), new FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0).sampleWeight(sw()));
        History h2 = new SparkModel(dist).mode("averaging").averagingFrequency(3).fit(weighted(x, 1), "features", "label", "w", o);
        same(h1, local, h2, dist);
    }

    @Test
    void badWeightsAndConflictingOptionsFailByName() {
        Sequential m = model(null);
        float[] x = xs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(weighted(x, 3), "features", "label", "w", new FitOptions().classWeight(Map.of(0, 2.0)).verbose(0)));
        assertTrue(e.getMessage().contains("class_weight") && e.getMessage().contains("'w'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(weighted(x, 3), "features", "label", new FitOptions().sampleWeight(sw()).verbose(0)));
        assertTrue(e.getMessage().contains("as a column"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(weighted(x, 3), "features", "label", "nope", new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(RowFactory.create(Arrays.copyOfRange(x, i * D, (i + 1) * D), (double) label(i), i == 4 ? null : 1.0));
        }
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(frame(rows, schema, 2), "features", "label", "w", new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("column 'w'") && e.getMessage().contains("partition 1") && e.getMessage().contains("is null"),
                e.getMessage());
    }
}
