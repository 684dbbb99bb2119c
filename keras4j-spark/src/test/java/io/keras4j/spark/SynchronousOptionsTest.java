package io.keras4j.spark;

import static io.keras4j.models.ReferenceRun.closeAll;
import static io.keras4j.spark.SparkTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.EarlyStopping;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.ReferenceRun;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Synchronous mode against one machine's {@code fit} on the same data: batches straddling the
 * partitions, shuffling, validation split, metrics, EarlyStopping; Spark ML Vectors and number
 * labels; bad rows; a task that fails once and is retried.
 */
class SynchronousOptionsTest {
    private static final int N = 103, D = 4, C = 3;

    /** Deterministic data: class {@code i % 3} with features drifting by class, so the model learns. */
    private static float[] xs() {
        float[] x = new float[N * D];
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) x[i * D + j] = (float) Math.sin(i * 0.37 + j * 1.3) + (i % C == j ? 1f : 0f);
        return x;
    }

    private static Sequential model(List<NDArray> init) {
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(D), new Dense(C, "softmax"));
        m.compile(new Adam().learningRate(0.05), "sparse_categorical_crossentropy", "accuracy");
        if (init != null) m.setWeights(init);
        return m;
    }

    /** Features as Spark ML Vectors (even rows dense, odd rows sparse), labels as doubles, over 3 partitions (34/34/35 rows). */
    private static Dataset<Row> vectorFrame(float[] x) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] v = new double[D];
            for (int j = 0; j < D; j++) v[j] = x[i * D + j];
            rows.add(RowFactory.create(i % 2 == 0 ? Vectors.dense(v) : Vectors.dense(v).toSparse(), (double) (i % C)));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return frame(rows, schema, 3);
    }

    private static FitOptions options(boolean earlyStopping) {
        FitOptions o = new FitOptions().epochs(8).batchSize(16).shuffle(true).validationSplit(0.2).verbose(0);
        return earlyStopping ? o.callbacks(new EarlyStopping().monitor("val_loss").patience(0).minDelta(0.1)) : o;
    }

    @Test
    void shuffledFitWithValidationSplitAndEarlyStoppingMatchesOneMachine() {
        float[] x = xs();
        float[] y = new float[N];
        for (int i = 0; i < N; i++) y[i] = i % C;
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());

        Utils.setRandomSeed(11);
        History h1 = local.fit(NDArray.of(x, N, D), NDArray.of(y, N), options(true));
        Utils.setRandomSeed(11);
        History h2 = new SparkModel(dist).fit(vectorFrame(x), "features", "label", options(true));

        assertEquals(h1.history().keySet(), h2.history().keySet());
        assertTrue(h1.history().get("loss").size() < 8, "EarlyStopping stopped one machine's fit: " + h1.history());
        for (Map.Entry<String, List<Double>> e : h1.history().entrySet()) {
            List<Double> b = h2.history().get(e.getKey());
            assertEquals(e.getValue().size(), b.size(), e.getKey() + " epochs");
            for (int i = 0; i < b.size(); i++) ReferenceRun.close(e.getValue().get(i), b.get(i), 1e-4, 1e-6, e.getKey() + " " + i);
        }
        List<NDArray> w1 = local.getWeights(), w2 = dist.getWeights();
        for (int i = 0; i < w1.size(); i++) closeAll(w1.get(i).toFloatArray(), w2.get(i).toFloatArray(), 1e-3, 1e-5, "weight " + i);
    }

    @Test
    void validationDataAndOneProgressLinePerEpoch() {
        float[] x = xs();
        float[] y = new float[N];
        for (int i = 0; i < N; i++) y[i] = i % C;
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());
        NDArray vx = NDArray.of(java.util.Arrays.copyOf(x, 20 * D), 20, D), vy = NDArray.of(java.util.Arrays.copyOf(y, 20), 20);
        FitOptions o = new FitOptions().epochs(3).batchSize(16).shuffle(false).validationData(vx, vy);
        History h1 = local.fit(NDArray.of(x, N, D), NDArray.of(y, N), o.verbose(0));
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        History h2;
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            h2 = new SparkModel(dist).fit(vectorFrame(x), "features", "label", o.verbose(1));
        } finally {
            System.setOut(out);
        }
        for (String k : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            for (int i = 0; i < 3; i++) ReferenceRun.close(h1.history().get(k).get(i), h2.history().get(k).get(i), 1e-4, 1e-6, k);
        }
        long lines = buf.toString().lines().filter(l -> l.contains("val_loss:")).count();
        assertEquals(3, lines, "one progress line per epoch:\n" + buf);
    }

    @Test
    void aTaskFailedOnceIsRetriedWithoutApplyingItsGradientTwice() {
        float[] x = xs();
        float[] y = new float[N];
        for (int i = 0; i < N; i++) y[i] = i % C;
        Sequential a = model(null);
        Sequential b = model(a.getWeights());
        FitOptions o = new FitOptions().epochs(2).batchSize(16).shuffle(false).verbose(0);
        History clean = new SparkModel(a).fit(vectorFrame(x), "features", "label", o);
        AtomicInteger failed = new AtomicInteger();
        SynchronousFit.faults = (step, partition, attempt) -> {
            if (step == 2 && partition == 1 && attempt == 0) {
                failed.incrementAndGet();
                throw new IllegalStateException("task killed on purpose (step 2, partition 1)");
            }
        };
        History retried;
        try {
            retried = new SparkModel(b).fit(vectorFrame(x), "features", "label", o);
        } finally {
            SynchronousFit.faults = null;
        }
        assertEquals(1, failed.get(), "the fault fired once");
        assertEquals(clean.history(), retried.history());
        List<NDArray> wa = a.getWeights(), wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) assertArrayEquals(wa.get(i).toFloatArray(), wb.get(i).toFloatArray());
        assertEquals(a.getOptimizer().iterations(), b.getOptimizer().iterations());
    }

    @Test
    void badRowsFailNamingTheColumnThePartitionAndTheLength() {
        float[] x = xs();
        float[] y = new float[N * C];
        for (int i = 0; i < N; i++) y[i * C + i % C] = 1;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            float[] f = java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D);
            if (i == 4) f = java.util.Arrays.copyOf(f, 3); // partition 1 (rows 3..5), its row 1
            rows.add(RowFactory.create(f, java.util.Arrays.copyOfRange(y, i * C, (i + 1) * C)));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.createArrayType(DataTypes.FloatType));
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(D), new Dense(C, "softmax"));
        m.compile(new Adam(), "categorical_crossentropy");
        List<NDArray> before = m.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(frame(rows, schema, 3), "features", "label", new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("column 'features'") && e.getMessage().contains("partition 1")
                && e.getMessage().contains("length 3, expected 4"), e.getMessage());
        assertArrayEquals(before.get(0).toFloatArray(), m.getWeights().get(0).toFloatArray(), "nothing trained");

        List<Row> nulls = new ArrayList<>(rows.subList(0, 4));
        nulls.set(3, RowFactory.create(java.util.Arrays.copyOfRange(x, 0, D), null));
        e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(frame(nulls, schema, 2), "features", "label", new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("column 'label'") && e.getMessage().contains("partition 1")
                && e.getMessage().contains("is null"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new SparkModel(m)
                .fit(frame(rows, schema, 3), "nope", "label", new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
        // predict is lazy: the job that reads the bad row fails with the same message
        Exception p = assertThrows(Exception.class, () -> new SparkModel(m).predict(frame(rows, schema, 3), "features").collectAsList());
        assertTrue(p.getMessage().contains("column 'features': row 1 of partition 1 has length 3, expected 4"), p.getMessage());
    }
}
