package io.keras4j.optimizers;

import java.util.function.Supplier;

/**
 * Not a test: the time of one optimizer step over a 1M-parameter arena (3 variables), clipping,
 * weight decay and EMA included, best of 5 rounds after warm-up; each step copies the gradients
 * back first (about 0.3 ms of the figure). Run from the repository root after {@code mvn -pl
 * keras4j-core test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp keras4j-core/target/classes:keras4j-core/target/test-classes \
 *     io.keras4j.optimizers.OptimizerBench
 * </pre>
 */
public final class OptimizerBench {
    public static void main(String[] a) {
        int n = 1 << 20;
        Object[][] cases = {
            {"SGD", (Supplier<Optimizer>) () -> new SGD(0.01)},
            {"SGD momentum", (Supplier<Optimizer>) () -> new SGD(0.01).momentum(0.9)},
            {"Adam (vector kernel)", (Supplier<Optimizer>) () -> new Adam()},
            {"RMSprop", (Supplier<Optimizer>) () -> new RMSprop()},
            {"Adagrad", (Supplier<Optimizer>) () -> new Adagrad()},
            {"AdamW (wd 0.004)", (Supplier<Optimizer>) () -> new AdamW()},
            {"Adadelta", (Supplier<Optimizer>) () -> new Adadelta()},
            {"Adamax", (Supplier<Optimizer>) () -> new Adamax()},
            {"Nadam", (Supplier<Optimizer>) () -> new Nadam()},
            {"Lion", (Supplier<Optimizer>) () -> new Lion()},
            {"Adam + clipnorm", (Supplier<Optimizer>) () -> new Adam().clipnorm(1)},
            {"Adam + global_clipnorm", (Supplier<Optimizer>) () -> new Adam().globalClipnorm(1)},
            {"Adam + clipvalue", (Supplier<Optimizer>) () -> new Adam().clipvalue(0.5)},
            {"Adam + weight_decay", (Supplier<Optimizer>) () -> new Adam().weightDecay(0.01)},
            {"Adam + ema", (Supplier<Optimizer>) () -> new Adam().useEma(true)},
        };
        float[] g0 = new float[n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < n; i++) g0[i] = (float) r.nextGaussian() * 0.01f;
        for (int rep = 0; rep < 2; rep++) {
            for (Object[] c : cases) {
                @SuppressWarnings("unchecked") Optimizer o = ((Supplier<Optimizer>) c[1]).get();
                float[] w = new float[n], g = new float[n];
                o.build(n, new int[] {n / 4, n / 4, n / 2});
                int steps = 300;
                for (int i = 0; i < 100; i++) { System.arraycopy(g0, 0, g, 0, n); o.apply(w, g); }
                long best = Long.MAX_VALUE;
                for (int k = 0; k < 5; k++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < steps / 5; i++) { System.arraycopy(g0, 0, g, 0, n); o.apply(w, g); }
                    best = Math.min(best, (System.nanoTime() - t0) / (steps / 5));
                }
                if (rep == 1) System.out.printf("%-24s %7.3f ms/step  %5.2f ns/param%n", c[0], best / 1e6, best / (double) n);
            }
        }
    }
}
