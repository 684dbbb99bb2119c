// The classic Keras XOR notebook as a JShell script, cell by cell (the same cells as
// keras4j-examples/src/main/java/io/keras4j/examples/XorNotebook.java). From the repository root:
//
//   mvn -q install -DskipTests
//   jshell --add-modules jdk.incubator.vector --class-path "$(cat keras4j-examples/target/classpath.txt)" keras4j-examples/notebooks/xor.jsh
//
// Another seed or output folder: add -R-Dseed=3 -R-Dkeras4j.out=/tmp/xor to the jshell options.
// Figures go to target/xor-jshell/ under the current folder by default. To work interactively,
// start jshell with the same options (without the script), and paste the cells one at a time.

// [0] imports
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.plot.Plots;
import io.keras4j.utils.Utils;
import java.nio.file.Path;

// [1] keras.utils.set_random_seed(seed); where the figures go
long seed = Long.getLong("seed", 0L);
Path out = Path.of(System.getProperty("keras4j.out", "target/xor-jshell")).toAbsolutePath();
Utils.setRandomSeed(seed);

// [2] the model, before the data as in API.md's notebook: its weights are drawn from the seeded stream first
Sequential model = new Sequential();
model.add(new Dense(4, "relu").inputDim(2));
model.add(new Dense(4, "relu"));
model.add(new Dense(2, "softmax"));
SGD optimizer = new SGD().decay(0.001).momentum(0.99);
model.compile(optimizer, "binary_crossentropy", "accuracy");
model.summary();

// [3] X_train = np.random.randn(10000, 2); y_train = one-hot of x0 * x1 > 0 (column 0 where it holds)
NDArray labels(NDArray x) {
    int n = x.shape()[0];
    float[] y = new float[n * 2];
    for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1f;
    return NDArray.of(y, n, 2);
}
NDArray xTrain = NDArray.randn(10000, 2);
NDArray yTrain = labels(xTrain);
System.out.println("X_train.shape = " + NDArray.shapeString(xTrain.shape()));
System.out.println("y_train.shape = " + NDArray.shapeString(yTrain.shape()));
System.out.println("X_train[:5] =\n" + xTrain.rows(0, 5));
System.out.println("y_train[:5] =\n" + yTrain.rows(0, 5));

// [4] plt.scatter(X_train[:, 0], X_train[:, 1], c=y_train[:, 0])
System.out.println("saved " + Plots.scatterByClass(xTrain, yTrain, "Training data: class 0 where x0 * x1 > 0").savePng(out.resolve("train_data.png")));

// [5] results = model.fit(X_train, y_train, epochs=200, batch_size=100); plt.plot(results.history['loss'])
History results = model.fit(xTrain, yTrain, new FitOptions().epochs(200).batchSize(100));
System.out.println("saved " + Plots.history(results, "loss").savePng(out.resolve("loss.png")));

// [6] X_test = np.random.randn(5000, 2); y_test = model.predict(X_test); accuracy of argmax
NDArray xTest = NDArray.randn(5000, 2);
NDArray yTest = model.predict(xTest);
System.out.println("y_test.shape = " + NDArray.shapeString(yTest.shape()));
NDArray predicted = yTest.argmax(1);
NDArray truth = labels(xTest).argmax(1);
int hits = 0;
for (int i = 0; i < 5000; i++) if (predicted.get(i) == truth.get(i)) hits++;
System.out.printf("Test accuracy: %.4f%n", hits / 5000.0);

// [7] plt.scatter(X_test[:, 0], X_test[:, 1], c=argmax(y_test))
System.out.println("saved " + Plots.scatterByClass(xTest, yTest, "Predictions on 5000 new points").savePng(out.resolve("predictions.png")));

/exit
