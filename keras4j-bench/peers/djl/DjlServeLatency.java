package peers;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/**
 * DJL's side of keras4j-bench's ServeLatency: the MNIST MLP (784-512-512-10, ReLU, softmax;
 * Keras's Dropout layers are the identity in inference) on DJL's PyTorch engine, predicted by
 * {@code callers} threads at once for {@code seconds} after {@code warm} seconds on one thread and {@code warm} more of them, {@code batch}
 * rows a call, each caller with its own {@link Predictor} (DJL's predictors are not thread-safe;
 * the model is shared). Prints the same RESULT line as io.keras4j.bench.ServeLatency.
 * Usage: DjlServeLatency callers batch seconds warm
 */
public final class DjlServeLatency {
    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(args[0]), batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]), warm = Double.parseDouble(args[3]);
        Engine eng = Engine.getInstance();
        eng.setRandomSeed(42);
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(512).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(512).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(10).build())
                .add(l -> new NDList(l.singletonOrThrow().softmax(-1)));
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 784));
            Translator<float[], float[]> tr = new Translator<>() {
                public NDList processInput(TranslatorContext ctx, float[] in) {
                    return new NDList(ctx.getNDManager().create(in, new Shape(batch, 784)));
                }

                public float[] processOutput(TranslatorContext ctx, NDList list) {
                    return list.singletonOrThrow().toFloatArray();
                }

                public Batchifier getBatchifier() {
                    return null;
                }
            };
            // warm-up on one thread first, as keras4j's ServeLatency does
            try (Predictor<float[], float[]> p = model.newPredictor(tr)) {
                float[] probe = new float[batch * 784];
                for (long stop = System.nanoTime() + (long) (warm * 1e9); System.nanoTime() < stop; ) p.predict(probe);
            }
            long[][] lat = new long[callers][];
            CyclicBarrier start = new CyclicBarrier(callers);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    Random r = new Random(100 + id);
                    float[][] xs = new float[8][batch * 784];
                    for (float[] x : xs) for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
                    long[] l = new long[1 << 20];
                    float sink = 0;
                    try (Predictor<float[], float[]> p = model.newPredictor(tr)) {
                        start.await();
                        long t0 = System.nanoTime(), measureFrom = t0 + (long) (warm * 1e9), end = measureFrom + (long) (seconds * 1e9); // warm s unmeasured
                        int n = 0;
                        for (int i = 0; ; i++) {
                            long s = System.nanoTime();
                            if (s >= end && n > 0) break; // at least one measured call, however slow the warm-up
                            float[] out = p.predict(xs[i & 7]);
                            long e = System.nanoTime();
                            sink += out[0];
                            if (s >= measureFrom && n < l.length) l[n++] = e - s;
                        }
                        lat[id] = Arrays.copyOf(l, n);
                    } catch (Exception ex) {
                        throw new RuntimeException(ex);
                    }
                    if (sink == 12345.678f) System.out.print("");
                }, "caller-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            report("djl", callers, batch, lat, seconds);
        }
    }

    /** p50/p99 over every call of every caller, and calls and rows per second over the measured window. */
    static void report(String system, int callers, int batch, long[][] lat, double seconds) {
        int total = 0;
        for (long[] l : lat) total += l.length;
        long[] all = new long[total];
        int k = 0;
        for (long[] l : lat) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        double p50 = all[(int) (0.50 * (total - 1))] / 1e3, p99 = all[(int) (0.99 * (total - 1))] / 1e3;
        System.out.printf("RESULT %s callers=%d batch=%d calls=%d p50_us=%.1f p99_us=%.1f calls_per_s=%.0f rows_per_s=%.0f%n",
                system, callers, batch, total, p50, p99, total / seconds, total * (double) batch / seconds);
    }
}
