package io.keras4j.spark;

import static io.keras4j.models.ReferenceRun.close;
import static io.keras4j.models.ReferenceRun.closeAll;
import static io.keras4j.spark.SparkTestSupport.frame;
import static io.keras4j.spark.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.ReferenceRun;
import io.keras4j.models.Sequential;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Synchronous mode over 3 partitions reproduces the independent reference runs (the same files
 * keras4j-core's fit must reproduce): History losses within relative 1e-4, final weights within
 * 1e-3, and predict over the DataFrame equals Model.predict row for row.
 */
class SynchronousFitTest {

    @ParameterizedTest
    @ValueSource(strings = {"xor_sgd_momentum_decay.txt", "mlp3_adam_cce.txt", "reg_rmsprop_mse.txt",
            "bit_nesterov_bce.txt", "reg_adagrad_mae.txt"})
    void reproducesReferenceRunOverThreePartitions(String file) throws Exception {
        ReferenceRun r = ReferenceRun.load(file);
        Sequential model = new Sequential();
        for (int i = 0; i < r.units.size(); i++) {
            Dense d = new Dense(r.units.get(i), r.activations.get(i));
            model.add(i == 0 ? d.inputDim(r.inputDim) : d);
        }
        model.compile(ReferenceRun.optimizer(r.optimizer, r.optimizerArgs), r.loss);
        model.setWeights(r.initialWeights);
        Dataset<Row> df = frame(r.x, r.y, 3);
        assertEquals(3, df.rdd().getNumPartitions());

        SparkModel sm = new SparkModel(model);
        History h = sm.fit(df, "features", "label",
                new FitOptions().epochs(r.epochs).batchSize(r.batchSize).shuffle(false).verbose(0));

        List<Double> loss = h.history().get("loss");
        assertEquals(r.expectLoss.length, loss.size(), "epochs in History");
        for (int e = 0; e < loss.size(); e++) close(r.expectLoss[e], loss.get(e), 1e-4, 1e-5, r.name + " loss of epoch " + e);
        List<NDArray> w = model.getWeights();
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(r.expectWeights.get(i).shape(), w.get(i).shape());
            closeAll(r.expectWeights.get(i).toFloatArray(), w.get(i).toFloatArray(), 1e-3, 1e-5, r.name + " weight " + i);
        }

        // predict over a DataFrame of x_test = Model.predict, row for row
        NDArray pred = model.predict(r.xTest);
        int n = r.xTest.shape()[0];
        Dataset<Row> test = frame(r.xTest, NDArray.zeros(n, 1), 3);
        List<Row> out = sm.predict(test, "features").collectAsList();
        assertEquals(n, out.size());
        float[] p = pred.toFloatArray();
        int c = p.length / n;
        for (int i = 0; i < n; i++) {
            List<Float> row = out.get(i).getList(out.get(i).fieldIndex("prediction"));
            assertEquals(c, row.size());
            for (int j = 0; j < c; j++) assertEquals(p[i * c + j], row.get(j), 0f, r.name + " prediction " + i + "," + j);
            assertTrue(out.get(i).getList(0).equals(SparkTestSupport.toList(r.xTest.toFloatArray(), i * r.inputDim, r.inputDim)));
        }
        closeAll(r.expectPred.toFloatArray(), p, 1e-4, 1e-5, r.name + " predictions");
        spark();
    }
}
