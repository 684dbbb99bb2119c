package io.keras4j.examples;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.plot.Figure;
import io.keras4j.plot.Plots;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The classic Keras XOR notebook, cell by cell: learn the sign of {@code x0 * x1} from 10,000
 * Gaussian points with a 2-4-4-2 network, plot the data, the loss and the predictions.
 *
 * <p>Run from the repository root (see {@code keras4j-examples/README-run.txt}):
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl keras4j-examples exec:exec
 * </pre>
 * The seed is the first argument, else the system property {@code seed}, else 0. Figures
 * ({@code train_data}, {@code loss}, {@code history}, {@code predictions}, each as PNG and SVG)
 * go to the folder named by the system property {@code keras4j.out}, default
 * {@code target/xor-notebook} under the working directory.
 */
public final class XorNotebook {

    private XorNotebook() {}

    /**
     * One-hot labels of shape (n, 2): column 0 is 1 where {@code x0 * x1 > 0}, column 1 elsewhere
     * (as the core's XOR test; {@code to_categorical(x0 * x1 > 0)} would swap the columns, which
     * changes nothing the notebook measures).
     */
    static NDArray labels(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1f;
        return NDArray.of(y, n, 2);
    }

    /** The fraction of rows where the predicted class (argmax) is the true one. */
    static double accuracy(NDArray predictions, NDArray oneHot) {
        NDArray predicted = predictions.argmax(1), truth = oneHot.argmax(1);
        int n = predicted.shape()[0], hits = 0;
        for (int i = 0; i < n; i++) if (predicted.get(i) == truth.get(i)) hits++;
        return (double) hits / n;
    }

    /** Runs the notebook; {@code args[0]}, if given, is the seed. */
    public static void main(String[] args) throws IOException {
        // [1] keras.utils.set_random_seed(seed)
        long seed = args.length > 0 ? Long.parseLong(args[0]) : Long.getLong("seed", 0L);
        Path out = Path.of(System.getProperty("keras4j.out", "target/xor-notebook")).toAbsolutePath();
        Utils.setRandomSeed(seed);
        System.out.println("seed = " + seed + ", figures in " + out);

        // [2] the model, before the data as in API.md's notebook: its weights are drawn from the seeded stream first
        Sequential model = new Sequential();
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2, "softmax"));
        SGD optimizer = new SGD().decay(0.001).momentum(0.99);
        model.compile(optimizer, "binary_crossentropy", "accuracy");
        model.summary();

        // [3] X_train = np.random.randn(10000, 2); y_train = one-hot of x0 * x1 > 0
        NDArray xTrain = NDArray.randn(10000, 2);
        NDArray yTrain = labels(xTrain);
        System.out.println("X_train.shape = " + NDArray.shapeString(xTrain.shape()));
        System.out.println("y_train.shape = " + NDArray.shapeString(yTrain.shape()));
        System.out.println("X_train[:5] =\n" + xTrain.rows(0, 5));
        System.out.println("y_train[:5] =\n" + yTrain.rows(0, 5));

        // [4] plt.scatter(X_train[:, 0], X_train[:, 1], c=y_train[:, 0])
        save(Plots.scatterByClass(xTrain, yTrain, "Training data: class 0 where x0 * x1 > 0"), out, "train_data");

        // [5] results = model.fit(X_train, y_train, epochs=200, batch_size=100); plt.plot(results.history['loss'])
        History results = model.fit(xTrain, yTrain, new FitOptions().epochs(200).batchSize(100).verbose(1));
        List<Double> loss = results.history().get("loss");
        System.out.printf("final loss: %.4f%n", loss.get(loss.size() - 1));
        save(Plots.history(results, "loss"), out, "loss");
        save(Plots.history(results), out, "history");

        // [6] X_test = np.random.randn(5000, 2); y_test = model.predict(X_test)
        NDArray xTest = NDArray.randn(5000, 2);
        NDArray yTest = model.predict(xTest);
        System.out.println("y_test.shape = " + NDArray.shapeString(yTest.shape()));
        System.out.println("y_test[:5] =\n" + yTest.rows(0, 5));
        double accuracy = accuracy(yTest, labels(xTest));
        System.out.printf("Test accuracy: %.4f%n", accuracy);
        save(Plots.scatterByClass(xTest, yTest, "Predictions on 5000 new points"), out, "predictions");

        // [7] the notebook's net sometimes loses a ReLU unit in epoch 1 and settles on 3 quadrants of 4
        if (accuracy < 0.97) {
            System.out.printf("WARNING: test accuracy %.4f < 0.97: this seed stalled (a dead ReLU unit); try another seed%n", accuracy);
        }
    }

    private static void save(Figure figure, Path dir, String name) throws IOException {
        System.out.println("saved " + figure.savePng(dir.resolve(name + ".png")));
        figure.saveSvg(dir.resolve(name + ".svg"));
    }
}
