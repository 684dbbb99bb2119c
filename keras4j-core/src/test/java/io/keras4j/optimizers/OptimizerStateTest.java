package io.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keras4j.optimizers.schedules.ExponentialDecay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer state accessors ({@code iterations}, {@code learning_rate}, {@code variables}):
 * an optimizer stopped after some steps, whose state is copied through them into a fresh one of
 * the same settings, continues bit for bit as the original; so does a Java-serialized copy. The
 * reference is the original optimizer continuing, on the same gradients.
 */
class OptimizerStateTest {
    private static final int N = 37; // odd: no vector-width multiple
    private static final int[] VARS = {20, 17};

    static Stream<Supplier<Optimizer>> optimizers() {
        return Stream.of(
                () -> new SGD(0.05).momentum(0.9).nesterov(true),
                () -> new Adam(0.01),
                () -> new AdamW(0.01),
                () -> new Nadam(0.01), // u_product is a function of the restored iterations
                () -> new RMSprop(0.01).clipnorm(0.5),
                () -> new Adagrad(0.1).useEma(true), // the weights' moving average is a variable too
                () -> new Adamax(0.01),
                () -> new Adadelta(1.0),
                () -> new Lion(0.001),
                () -> new Adam(new ExponentialDecay(0.01, 3, 0.5)));
    }

    private static float[] grad(int step) {
        float[] g = new float[N];
        for (int i = 0; i < N; i++) g[i] = (float) Math.sin(0.7 * i + 1.3 * step) * (1 + i % 3);
        return g;
    }

    private static float[] start() {
        float[] w = new float[N];
        for (int i = 0; i < N; i++) w[i] = (float) Math.cos(0.3 * i);
        return w;
    }

    private static void steps(Optimizer o, float[] w, int from, int to) {
        for (int s = from; s < to; s++) o.apply(w, grad(s));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stateCopiedThroughTheAccessorsContinuesAsTheOriginal(Supplier<Optimizer> make) {
        Optimizer a = make.get();
        a.build(N, VARS);
        float[] w = start();
        steps(a, w, 0, 5);
        float[] wCopy = w.clone();

        Optimizer b = make.get();
        b.build(N, VARS);
        assertEquals(a.variables().size(), b.variables().size());
        for (int v = 0; v < a.variables().size(); v++) {
            assertFalse(Arrays.equals(a.variables().get(v), b.variables().get(v)), a.name() + " variable " + v + " moved");
            System.arraycopy(a.variables().get(v), 0, b.variables().get(v), 0, N);
        }
        b.setIterations(a.iterations());
        if (a.getLearningRateSchedule() == null) b.learningRate(a.getLearningRate());

        steps(a, w, 5, 12);
        steps(b, wCopy, 5, 12);
        assertArrayEquals(w, wCopy, a.name());
        assertEquals(12, b.iterations());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aSerializedCopyContinuesAsTheOriginal(Supplier<Optimizer> make) throws Exception {
        Optimizer a = make.get();
        a.build(N, VARS);
        float[] w = start();
        steps(a, w, 0, 4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        Optimizer b;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            b = (Optimizer) in.readObject();
        }
        float[] wCopy = w.clone();
        steps(a, w, 4, 9);
        steps(b, wCopy, 4, 9);
        assertArrayEquals(w, wCopy, a.name());
        assertEquals(List.of(a.name(), a.iterations()), List.of(b.name(), b.iterations()));
    }
}
