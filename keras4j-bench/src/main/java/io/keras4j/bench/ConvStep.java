package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Op;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Layer;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The MNIST convnet's convolutions at batch 128, against their floor: Conv2D(32, 3x3, relu) on
 * (28, 28, 1) and Conv2D(64, 3x3, relu) on (13, 13, 32), forward and backward (the first without
 * an input gradient, as in the model), timed through the engine's plan; then the same
 * convolutions written as the GEMMs they are, on keras4j's SGEMM:
 * <pre>
 * conv1 forward  86528x9x32 NN       conv1 d kernel  9x86528x32 TN
 * conv2 forward  15488x288x64 NN     conv2 d kernel  288x15488x64 TN     conv2 d input  15488x64x288 NT
 * </pre>
 * (MxKxN: {@code GemmVersus} times the same shapes on OpenBLAS with the {@code peers} profile).
 * When the pooling, Flatten and Dropout layers are in the build, it also times the whole
 * convnet's training step ({@code fit} over 16 batches of 128, Adam, sparse categorical
 * cross-entropy, ms per step). Prints medians of {@code reps} repetitions of {@code steps} calls.
 * With {@code cpu}, times are the calling thread's CPU time, not wall-clock time: on a machine
 * shared with other jobs, with {@code -Dkeras4j.threads=1}, that is the one figure the others'
 * load does not inflate (the whole step then counts the caller only).
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.ConvStep [reps=7] [steps=20] [cpu]
 * </pre>
 */
public final class ConvStep {
    static final int B = 128;
    private static boolean cpu;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private ConvStep() {}

    public static void main(String[] args) throws Exception {
        int reps = 7, steps = 20;
        for (String a : args) {
            if (a.startsWith("reps=")) reps = Integer.parseInt(a.substring(5));
            else if (a.startsWith("steps=")) steps = Integer.parseInt(a.substring(6));
            else if (a.equals("cpu")) cpu = true;
        }
        Kernels k = KernelsProvider.get();
        System.out.println("kernels: " + k.name() + ", java " + System.getProperty("java.version")
                + (cpu ? ", times in CPU time of the calling thread" : ", wall-clock times"));
        Utils.setRandomSeed(0);
        Runnable convs = convolutions();
        Runnable gemms = gemms(k);
        for (int w = 0; w < 3; w++) {
            time(convs, steps);
            time(gemms, steps);
        }
        double[] tc = new double[reps], tg = new double[reps];
        for (int r = 0; r < reps; r++) { // in turns: both see the same machine
            tc[r] = time(convs, steps);
            tg[r] = time(gemms, steps);
        }
        System.out.printf(Locale.ROOT, "two convolutions forward+backward, batch 128: %.2f ms (median of %d x %d)%n",
                median(tc), reps, steps);
        System.out.printf(Locale.ROOT, "the same as GEMMs on keras4j's SGEMM:         %.2f ms  (convolutions / GEMMs = %.2f)%n",
                median(tg), median(tc) / median(tg));
        Runnable step = wholeStep();
        if (step == null) {
            System.out.println("whole step: MaxPooling2D, Flatten or Dropout not in this build");
            return;
        }
        for (int w = 0; w < 3; w++) time(step, 1);
        double[] ts = new double[reps];
        for (int r = 0; r < reps; r++) ts[r] = time(step, 1) / 16;
        System.out.printf(Locale.ROOT, "MNIST convnet training step, batch 128: %.2f ms (median of %d fits of 16 steps)%n",
                median(ts), reps);
    }

    /** Milliseconds per call of {@code r}, over {@code n} calls. */
    private static double time(Runnable r, int n) {
        long t0 = now();
        for (int i = 0; i < n; i++) r.run();
        return (now() - t0) / 1e6 / n;
    }

    private static long now() {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b.length % 2 == 1 ? b[b.length / 2] : 0.5 * (b[b.length / 2 - 1] + b[b.length / 2]);
    }

    /** loss = sum of y (d loss / dy = 1): the backward of the layer alone. */
    private static final class Sum extends Op {
        Sum(Tensor y) {
            super(new int[] {1}, y);
        }

        @Override
        public void forward(int n) {
            out.data[out.off] = in[0].data[in[0].off];
        }

        @Override
        public void backward(int n) {
            Arrays.fill(in[0].grad, in[0].goff, in[0].goff + in[0].size(n), 1e-3f);
        }

        @Override
        protected boolean canOverwriteGrad(int i) {
            return true;
        }
    }

    private static Runnable convolutions() {
        Plan[] plans = new Plan[2];
        Tensor[] losses = new Tensor[2];
        Layer[] layers = {new Conv2D(32, 3, "relu"), new Conv2D(64, 3, "relu")};
        int[][] in = {{28, 28, 1}, {13, 13, 32}};
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2; i++) {
            layers[i].ensureBuilt(in[i]);
            for (Variable v : layers[i].weights()) v.grad = new float[v.data.length];
            Graph g = new Graph();
            Tensor x = i == 0 ? g.input(in[i]) : g.differentiableInput(in[i]);
            losses[i] = new Sum(layers[i].call(x, true)).output();
            plans[i] = new Plan(g, B, true);
            for (int j = 0; j < x.size(B); j++) x.data[x.off + j] = (float) rnd.nextDouble();
        }
        return () -> {
            for (int i = 0; i < 2; i++) {
                plans[i].forward(B);
                plans[i].backward(B, losses[i]);
            }
        };
    }

    private static Runnable gemms(Kernels k) {
        int m1 = B * 26 * 26, m2 = B * 11 * 11;
        float[] a1 = rand(m1 * 9), w1 = rand(9 * 32), y1 = rand(m1 * 32), dw1 = new float[9 * 32];
        float[] a2 = rand(m2 * 288), w2 = rand(288 * 64), y2 = rand(m2 * 64), dw2 = new float[288 * 64];
        float[] dc2 = new float[m2 * 288];
        return () -> {
            k.gemm(m1, 32, 9, a1, 0, w1, 0, y1, 0, false);
            k.gemmTN(9, 32, m1, a1, 0, y1, 0, dw1, 0, false);
            k.gemm(m2, 64, 288, a2, 0, w2, 0, y2, 0, false);
            k.gemmTN(288, 64, m2, a2, 0, y2, 0, dw2, 0, false);
            k.gemmNT(m2, 288, 64, y2, 0, w2, 0, dc2, 0, false);
        };
    }

    private static float[] rand(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    /** The whole convnet's step, when the other image layers are in the build; else null. */
    private static Runnable wholeStep() throws Exception {
        Class<?> pool, flat, drop;
        try {
            pool = Class.forName("io.keras4j.layers.MaxPooling2D");
            flat = Class.forName("io.keras4j.layers.Flatten");
            drop = Class.forName("io.keras4j.layers.Dropout");
        } catch (ClassNotFoundException e) {
            return null;
        }
        Sequential m = new Sequential();
        m.add(new Conv2D(32, 3, "relu").inputShape(28, 28, 1));
        m.add((Layer) pool.getConstructor().newInstance());
        m.add(new Conv2D(64, 3, "relu"));
        m.add((Layer) pool.getConstructor().newInstance());
        m.add((Layer) flat.getConstructor().newInstance());
        m.add((Layer) drop.getConstructor(double.class).newInstance(0.5));
        m.add(new Dense(10, "softmax"));
        m.compile(new Adam(), "sparse_categorical_crossentropy");
        int n = 16 * B;
        float[] xs = rand(n * 784), ys = new float[n];
        for (int i = 0; i < n; i++) ys[i] = i % 10;
        NDArray x = NDArray.of(xs, n, 28, 28, 1), y = NDArray.of(ys, n);
        FitOptions one = new FitOptions().epochs(1).batchSize(B).verbose(0);
        return () -> m.fit(x, y, one);
    }
}
