package io.keras4j.examples;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Concatenate;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.List;
import java.util.Map;

/**
 * The functional API on a toy task that needs both inputs: two vectors {@code a} and {@code b}
 * of 8 values go through one shared encoder ({@code Dense(16, "tanh")}, one set of weights), are
 * concatenated, and feed two heads: {@code diff} regresses {@code sum(a) - sum(b)} (MSE) and
 * {@code larger} tells whether {@code sum(a) > sum(b)} (binary cross-entropy, weighted 0.5).
 * Prints the summary (with Keras's "Connected to" column), the History per output and the
 * evaluation on held-out pairs.
 *
 * <pre>
 * mvn -q -pl keras4j-examples exec:exec -Dexample=io.keras4j.examples.TwoInputFunctional
 * </pre>
 */
public final class TwoInputFunctional {
    private TwoInputFunctional() {}

    /** Pairs {@code (a, b)} and their targets: {@code {a, b, sum(a) - sum(b), sum(a) > sum(b)}}. */
    static NDArray[] data(int n) {
        NDArray a = NDArray.randn(n, 8), b = NDArray.randn(n, 8);
        float[] av = a.toFloatArray(), bv = b.toFloatArray(), diff = new float[n], larger = new float[n];
        for (int i = 0; i < n; i++) {
            float d = 0;
            for (int j = 0; j < 8; j++) d += av[i * 8 + j] - bv[i * 8 + j];
            diff[i] = d;
            larger[i] = d > 0 ? 1 : 0;
        }
        return new NDArray[] {a, b, NDArray.of(diff, n, 1), NDArray.of(larger, n, 1)};
    }

    /** Builds, trains and evaluates the model; returns the evaluation logs. */
    static Map<String, Double> run(long seed, int epochs, int verbose) {
        Utils.setRandomSeed(seed);
        KerasTensor a = Keras.input(8), b = Keras.input(8);
        Dense encoder = (Dense) new Dense(16, "tanh").name("encoder");
        KerasTensor joined = new Concatenate().apply(encoder.apply(a), encoder.apply(b));
        KerasTensor hidden = new Dense(16, "relu").apply(joined);
        KerasTensor diff = new Dense(1).name("diff").apply(hidden);
        KerasTensor larger = new Dense(1, "sigmoid").name("larger").apply(hidden);
        Functional model = Model.of(List.of(a, b), List.of(diff, larger));
        if (verbose > 0) model.summary();
        model.compile(new Adam().learningRate(0.005), List.of("mse", "binary_crossentropy"), List.of(1.0, 0.5));
        NDArray[] train = data(4000), test = data(1000);
        History h = model.fit(List.of(train[0], train[1]), List.of(train[2], train[3]),
                new FitOptions().epochs(epochs).batchSize(64).verbose(verbose > 0 ? 2 : 0));
        if (verbose > 0) System.out.println("History keys: " + h.history().keySet());
        Map<String, Double> ev = model.evaluate(List.of(test[0], test[1]), List.of(test[2], test[3]));
        if (verbose > 0) System.out.println("evaluate: " + ev);
        return ev;
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : Long.getLong("seed", 0L);
        run(seed, 20, 1);
    }
}
