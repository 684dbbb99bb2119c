package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adam;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distributed-training hook: slices' gradient sums + one applyGradient per batch = fit. */
class DistributedStepTest {

    private static Sequential model(List<NDArray> init) {
        Sequential m = new Sequential(new Dense(5, "tanh").inputDim(3), new Dense(3, "softmax"));
        m.compile(new Adam().learningRate(0.01), "sparse_categorical_crossentropy", "accuracy");
        if (init != null) m.setWeights(init);
        return m;
    }

    /** The same network as a functional model (its weights {@code init}). */
    private static Functional functional(List<NDArray> init) {
        io.keras4j.KerasTensor in = io.keras4j.Keras.input(3);
        Functional m = Model.of(in, new Dense(3, "softmax").apply(new Dense(5, "tanh").apply(in)));
        m.compile(new Adam().learningRate(0.01), "sparse_categorical_crossentropy", "accuracy");
        m.setWeights(init);
        return m;
    }

    @Test
    void slicesOfEachBatchReproduceFit() throws Exception {
        reproduceFit(false);
    }

    @Test
    void aFunctionalModelStepsAsTheSequentialFits() throws Exception {
        reproduceFit(true);
    }

    private static void reproduceFit(boolean functional) throws Exception {
        ReferenceRun r = ReferenceRun.load("mlp3_adam_cce.txt"); // only its x, as data
        int n = 70, batch = 16;
        float[] x = Arrays.copyOf(r.x.toFloatArray(), n * 5);
        float[] xs = new float[n * 3], ys = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * 5, xs, i * 3, 3);
            ys[i] = i % 3;
        }
        Sequential a = model(null);
        Model b = functional ? functional(a.getWeights()) : model(a.getWeights());
        History h = a.fit(NDArray.of(xs, n, 3), NDArray.of(ys, n), new FitOptions().epochs(2).batchSize(batch).shuffle(false).verbose(0));

        DistributedStep d = new DistributedStep(b, new int[] {3}, new int[0], batch);
        for (int epoch = 0; epoch < 2; epoch++) {
            double loss = 0, acc[] = new double[1];
            for (int start = 0; start < n; start += batch) {
                int rows = Math.min(batch, n - start);
                double[] g = new double[d.size()];
                int cut = rows / 3; // two uneven slices of the batch, as two partitions
                loss += d.gradientSum(Arrays.copyOfRange(xs, start * 3, (start + cut) * 3),
                        Arrays.copyOfRange(ys, start, start + cut), cut, g, acc);
                loss += d.gradientSum(Arrays.copyOfRange(xs, (start + cut) * 3, (start + rows) * 3),
                        Arrays.copyOfRange(ys, start + cut, start + rows), rows - cut, g, acc);
                float[] mean = new float[g.length];
                for (int j = 0; j < g.length; j++) mean[j] = (float) (g[j] / rows);
                d.applyGradient(mean);
            }
            assertEquals(h.history().get("loss").get(epoch), loss / n, 1e-5 * Math.abs(loss / n));
            assertEquals(h.history().get("accuracy").get(epoch), acc[0] / d.metricRows(n), 1e-9);
        }
        assertEquals(2, b.getOptimizer().iterations() / 5);
        List<NDArray> wa = a.getWeights(), wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            float[] p = wa.get(i).toFloatArray(), q = wb.get(i).toFloatArray();
            for (int j = 0; j < p.length; j++) assertEquals(p[j], q[j], 1e-5 + 1e-4 * Math.abs(p[j]));
        }
        float[] w = d.getWeights();
        d.setWeights(w);
        assertThrows(IllegalArgumentException.class, () -> d.setWeights(new float[3]));
    }

    @Test
    void targetsOfTheWrongShapeAreRejected() {
        Sequential m = model(null);
        assertThrows(IllegalArgumentException.class, () -> new DistributedStep(m, new int[] {3}, new int[] {4}, 8));
    }
}
