package io.keras4j.spark.examples;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.spark.SparkModel;
import io.keras4j.utils.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The MNIST MLP (Keras's {@code mnist_mlp}, {@link #model()}) trained on a Spark DataFrame of the
 * 8,000 mnist-10k training digits, then evaluated on the driver on the 2,000 others, with its
 * throughput. Defaults: 15 epochs, batch 128, 2 partitions, averaging every 5 steps.
 *
 * <pre>
 * spark-submit --class io.keras4j.spark.examples.SparkMnist --master spark://host:7077 \
 *     --jars keras4j-core.jar keras4j-spark.jar DIR [mode] [epochs] [batch] [partitions] [averagingFrequency]
 * </pre>
 * {@code DIR} holds the four MNIST IDX files (gzipped or not); {@code mode} is
 * {@code synchronous} (default) or {@code averaging} or {@code local} (one machine's
 * {@code fit}, for comparison). Without spark-submit the master is {@code -Dspark.master}
 * (default {@code local[2]}).
 */
public final class SparkMnist {
    private SparkMnist() {}

    /**
     * Keras's {@code mnist_mlp}, as keras4j-examples' {@code MnistMlp}: Dense 512 relu, Dropout 0.2,
     * Dense 512 relu, Dropout 0.2, Dense 10 softmax; Adam, sparse categorical cross-entropy, accuracy.
     */
    public static Sequential model() {
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SparkMnist DIR [synchronous|averaging|local] [epochs=15] [batch=128] [partitions=2] [averagingFrequency=5]");
            System.exit(2);
        }
        String mode = args.length > 1 ? args[1] : "synchronous";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int parts = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int freq = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        Mnist.Data d = Mnist.loadData(Path.of(args[0]));
        int n = d.xTrain().shape()[0];
        float[] x = d.xTrain().toFloatArray(), y = d.yTrain().toFloatArray();
        for (int i = 0; i < x.length; i++) x[i] /= 255f;
        float[] xt = d.xTest().toFloatArray();
        for (int i = 0; i < xt.length; i++) xt[i] /= 255f;
        NDArray xTest = NDArray.of(xt, d.xTest().shape()[0], 784);

        Utils.setRandomSeed(42);
        Sequential model = model();
        FitOptions o = new FitOptions().epochs(epochs).batchSize(batch).verbose(1);
        int steps = epochs * ((n + batch - 1) / batch);
        long t0;
        History h;
        String where;
        if (mode.equals("local")) {
            where = "one machine";
            t0 = System.nanoTime();
            h = model.fit(NDArray.of(x, n, 784), d.yTrain(), o);
        } else {
            SparkSession spark = SparkSession.builder().appName("keras4j-mnist")
                    .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
            where = spark.sparkContext().master();
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) rows.add(RowFactory.create(Arrays.copyOfRange(x, i * 784, (i + 1) * 784), (double) y[i]));
            StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType, false))
                    .add("label", DataTypes.DoubleType);
            Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, parts), schema);
            t0 = System.nanoTime();
            h = new SparkModel(model).mode(mode).averagingFrequency(freq).fit(df, "features", "label", o);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int ran = h.history().get("loss").size();
        int ranSteps = steps / epochs * ran;
        Map<String, Double> test = model.evaluate(xTest, d.yTest(), 0);
        System.out.printf(Locale.ROOT, "mnist %s %s: %d epochs, batch %d, %d partitions: %.1f s, %.1f steps/s (%.2f ms/step), "
                        + "test accuracy %.4f, test loss %.4f%n", mode, where, ran, batch, parts, secs, ranSteps / secs,
                1000 * secs / ranSteps, test.get("accuracy"), test.get("loss"));
        if (!mode.equals("local")) SparkSession.active().stop();
    }
}
