// The seed XOR notebook as a JShell script, cell by cell. From the repository root:
//
//   mvn -q install -DskipTests
//   jshell --add-modules jdk.incubator.vector --class-path "$(cat keras4j-examples/target/classpath.txt)" keras4j-examples/notebooks/xor.jsh
//
// or open jshell with the same options and paste the cells one at a time.

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.plot.Plots;
import io.keras4j.utils.Utils;
import java.nio.file.Path;

Utils.setRandomSeed(0);

// [1] the model
Sequential model = new Sequential();
model.add(new Dense(4, "relu").inputDim(2));
model.add(new Dense(4, "relu"));
model.add(new Dense(2, "softmax"));
model.compile(new SGD().decay(0.001).momentum(0.99), "binary_crossentropy", "accuracy");
model.summary();

// [2] the data: label = sign of x0 * x1, one-hot
NDArray labels(NDArray x) {
    int n = x.shape()[0];
    float[] y = new float[n * 2];
    for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1f;
    return NDArray.of(y, n, 2);
}
NDArray xTrain = NDArray.randn(10000, 2);
NDArray yTrain = labels(xTrain);
System.out.println(NDArray.shapeString(xTrain.shape()));
System.out.println(xTrain.rows(0, 5));
System.out.println(yTrain.rows(0, 5));

// [3] plot the training data
Plots.scatterByClass(xTrain, yTrain, "Training data").savePng(Path.of("target/xor-jshell/train_data.png"));

// [4] train
History results = model.fit(xTrain, yTrain, new FitOptions().epochs(200).batchSize(100).verbose(2));

// [5] plot the loss
Plots.history(results, "loss").savePng(Path.of("target/xor-jshell/loss.png"));

// [6] predict fresh points and score them
NDArray xTest = NDArray.randn(5000, 2);
NDArray yTest = model.predict(xTest);
System.out.println(NDArray.shapeString(yTest.shape()));
NDArray predicted = yTest.argmax(1);
NDArray truth = labels(xTest).argmax(1);
int hits = 0;
for (int i = 0; i < 5000; i++) if (predicted.get(i) == truth.get(i)) hits++;
System.out.printf("Test accuracy: %.4f%n", hits / 5000.0);

// [7] plot the predictions
Plots.scatterByClass(xTest, yTest, "Predictions").savePng(Path.of("target/xor-jshell/predictions.png"));

/exit
