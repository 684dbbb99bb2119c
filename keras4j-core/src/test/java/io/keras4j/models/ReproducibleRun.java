package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adagrad;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains seeded models ({@code args[0]} times over, default once) and prints one line per model: a SHA-256 of its weights' bits and of its
 * History's values. {@link ReproducibilityTest} runs it in fresh JVMs with different
 * {@code -Dkeras4j.threads} (read once per JVM) and compares the lines. The shapes are large enough
 * that the GEMMs, the batch gather and the optimizer updates run split over the kernel pool.
 */
public final class ReproducibleRun {
    private ReproducibleRun() {}

    static List<Optimizer> optimizers() {
        return List.of(new Adam(), new SGD().learningRate(0.05).momentum(0.9).nesterov(true), new RMSprop(), new Adagrad());
    }

    public static void main(String[] args) throws Exception {
        System.out.println("kernels " + KernelsProvider.get().name());
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int rep = 0; rep < repeats; rep++) run();
    }

    private static void run() throws Exception {
        int n = 300, in = 300;
        for (int o = 0; o < optimizers().size(); o++) {
            Utils.setRandomSeed(42 + o);
            SplittableRandom r = new SplittableRandom(7);
            float[] x = new float[n * in], y = new float[n];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextGaussian();
            for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
            Sequential model = new Sequential();
            model.add(new Dense(200, "relu").inputDim(in));
            model.add(new Dense(64, "tanh"));
            model.add(new Dense(10, "softmax"));
            Optimizer opt = optimizers().get(o);
            model.compile(opt, "sparse_categorical_crossentropy", "accuracy");
            History h = model.fit(NDArray.of(x, n, in), NDArray.of(y, n),
                    new FitOptions().epochs(2).batchSize(120).validationSplit(0.2).verbose(0));
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (NDArray w : model.getWeights()) {
                ByteBuffer b = ByteBuffer.allocate(4 * w.toFloatArray().length);
                for (float v : w.toFloatArray()) b.putInt(Float.floatToRawIntBits(v));
                d.update(b.array());
            }
            StringBuilder hist = new StringBuilder();
            for (Map.Entry<String, List<Double>> e : h.history().entrySet()) {
                hist.append(e.getKey());
                for (double v : e.getValue()) hist.append(' ').append(Double.doubleToRawLongBits(v));
            }
            d.update(hist.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println(opt.getClass().getSimpleName() + " " + HexFormat.of().formatHex(d.digest()));
        }
    }
}
