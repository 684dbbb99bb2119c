package io.keras4j.examples;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.plot.Plots;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's MNIST MLP example: Dense 512 relu, Dropout 0.2, Dense 512 relu, Dropout 0.2, Dense 10
 * softmax on the flattened digits; Adam, sparse categorical cross-entropy (labels as class ids),
 * batch 128, 15 epochs on the project's 8,000 training digits, validated (as Keras's {@code mnist_mlp.py})
 * and tested on the 2,000 others.
 * Figures go to {@code -Dkeras4j.out}, default {@code target/mnist-mlp}.
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl keras4j-examples exec:exec -Dexample=io.keras4j.examples.MnistMlp
 * </pre>
 */
public final class MnistMlp {
    private MnistMlp() {}

    public static void main(String[] args) throws IOException {
        Utils.setRandomSeed(Long.getLong("seed", 0L));
        int epochs = Integer.getInteger("epochs", 15);
        Path out = Path.of(System.getProperty("keras4j.out", "target/mnist-mlp")).toAbsolutePath();

        Mnist.Data data = MnistData.load();
        int nTrain = data.xTrain().shape()[0], nTest = data.xTest().shape()[0];
        // x_train = x_train.reshape(60000, 784).astype("float32") / 255
        NDArray xTrain = MnistData.scaled(data.xTrain(), nTrain, 784);
        NDArray xTest = MnistData.scaled(data.xTest(), nTest, 784);
        System.out.println(nTrain + " train samples, " + nTest + " test samples");

        Sequential model = model();
        model.summary();

        // Keras's mnist_mlp.py: validation_data=(x_test, y_test), so all 8,000 digits train
        History history = model.fit(xTrain, data.yTrain(), options(epochs).validationData(xTest, data.yTest()));

        Map<String, Double> score = model.evaluate(xTest, data.yTest(), 0);
        System.out.printf("Test loss: %.4f%n", score.get("loss"));
        System.out.printf("Test accuracy: %.4f%n", score.get("accuracy"));

        System.out.println("saved " + Plots.history(history).savePng(out.resolve("history.png")));
        NDArray predictions = model.predict(xTest);
        System.out.println("saved " + Plots.digits(data.xTest(), predictions, data.yTest()).savePng(out.resolve("digits.png")));
    }

    /** The network, compiled: Adam, sparse categorical cross-entropy, accuracy. */
    static Sequential model() {
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** {@code batch_size=128, epochs=epochs}. */
    static FitOptions options(int epochs) {
        return new FitOptions().batchSize(128).epochs(epochs);
    }
}
