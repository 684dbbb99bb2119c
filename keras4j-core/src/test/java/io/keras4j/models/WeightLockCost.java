package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.StampedLock;

/**
 * What the weight lock costs a training step (issue 17): the MNIST MLP's step (784-512-512-10,
 * Adam, batch 128), run in pairs in one JVM, as it is (one write-lock pair around the update)
 * and with a second write-lock pair taken and released at the same point: the difference is the
 * cost of the lock. Prints per-step times, the median ratio, and a lock pair's own cost.
 * Not a test: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * io.keras4j.models.WeightLockCost [pairs]}.
 */
public final class WeightLockCost {
    private WeightLockCost() {}

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 15, steps = 20, batch = 128;
        Utils.setRandomSeed(0);
        int n = steps * batch;
        SplittableRandom r = new SplittableRandom(0);
        float[] xs = new float[n * 784], ys = new float[n];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) r.nextDouble();
        for (int i = 0; i < n; i++) ys[i] = r.nextInt(10);
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy");
        model.fit(NDArray.of(xs, n, 784), NDArray.of(ys, n), new FitOptions().epochs(2).batchSize(batch).verbose(0)); // warm-up
        Trainer t = new Trainer(model);
        Executable e = model.executable(Executable.Mode.TRAIN, batch, new int[0]);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        StampedLock lock = model.weightArena().lock();
        double[] ratio = new double[pairs];
        double sumA = 0, sumB = 0;
        for (int p = 0; p < pairs; p++) {
            long a = 0, b = 0;
            for (int half = 0; half < 2; half++) {
                boolean extra = (p + half) % 2 == 1; // alternate which runs first
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    t.trainStep(e, xs, ys, 784, 1, order, s * batch, batch, List.of());
                    if (extra) lock.unlockWrite(lock.writeLock());
                }
                long dt = System.nanoTime() - t0;
                if (extra) b = dt; else a = dt;
            }
            ratio[p] = (double) b / a;
            sumA += a;
            sumB += b;
        }
        Arrays.sort(ratio);
        long t0 = System.nanoTime();
        int reps = 10_000_000;
        for (int i = 0; i < reps; i++) lock.unlockWrite(lock.writeLock());
        double pairNs = (System.nanoTime() - t0) / (double) reps;
        System.out.printf("kernels: %s%n", KernelsProvider.get().name());
        System.out.printf("MLP step: %.3f ms as is, %.3f ms with a second lock pair; median ratio %.4f (min %.4f, max %.4f) over %d pairs%n",
                sumA / pairs / steps / 1e6, sumB / pairs / steps / 1e6, ratio[pairs / 2], ratio[0], ratio[pairs - 1], pairs);
        System.out.printf("one write-lock pair alone: %.1f ns = %.5f %% of a step%n", pairNs, 100 * pairNs / (sumA / pairs / steps));
    }
}
