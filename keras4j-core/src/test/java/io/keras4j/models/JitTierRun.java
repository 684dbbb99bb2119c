package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Recurrent models' predictions and a short seeded training, as SHA-256s of their bits, one line
 * per model, after {@code args[0]} warm-up rounds of the same work. {@link JitTierInvarianceTest}
 * runs it in a JVM that never leaves C1 (the Vector API then runs its Java fallback, lane by
 * lane) and in one where C2 has compiled everything (C2 intrinsics), and compares the lines: the
 * kernels must compute the same bits in every JIT tier. The units are 16 and 32, so the vector
 * gate kernels run at 256 and 512 bits.
 */
public final class JitTierRun {
    private JitTierRun() {}

    static List<Supplier<Sequential>> models() {
        return List.of(
                () -> model(new LSTM(16).inputShape(6, 4)),
                () -> model(new GRU(32).inputShape(6, 4)),
                () -> model(new GRU(16).resetAfter(false).inputShape(6, 4)),
                () -> model(new SimpleRNN(16).inputShape(6, 4)),
                () -> model(new Bidirectional(new LSTM(16).returnSequences(true)).inputShape(6, 4)));
    }

    private static Sequential model(io.keras4j.layers.Layer recurrent) {
        Sequential m = new Sequential();
        m.add(recurrent);
        if (recurrent instanceof Bidirectional) m.add(new io.keras4j.layers.Flatten());
        m.add(new Dense(3));
        m.compile(new Adam(), "mse");
        return m;
    }

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        System.out.println("kernels " + KernelsProvider.get().name());
        for (int round = 0; round < warm; round++) run(false);
        run(true);
    }

    private static void run(boolean print) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[40 * 24], y = new float[40 * 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 2);
        for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
        NDArray xs = NDArray.of(x, 40, 6, 4), ys = NDArray.of(y, 40, 3);
        List<Supplier<Sequential>> models = models();
        for (int i = 0; i < models.size(); i++) {
            Utils.setRandomSeed(20 + i);
            Sequential m = models.get(i).get();
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            digest(d, m.predict(xs));
            m.fit(xs, ys, new FitOptions().epochs(2).batchSize(8).verbose(0));
            for (NDArray w : m.getWeights()) digest(d, w);
            digest(d, m.predict(xs));
            if (print) System.out.println(i + " " + HexFormat.of().formatHex(d.digest()));
        }
    }

    private static void digest(MessageDigest d, NDArray a) {
        float[] v = a.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float f : v) b.putInt(Float.floatToRawIntBits(f));
        d.update(b.array());
    }
}
