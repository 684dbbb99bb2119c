package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.activations.Activations;
import io.keras4j.engine.ops.BiasAdd;
import io.keras4j.engine.ops.DenseOp;
import io.keras4j.engine.ops.LossOp;
import io.keras4j.engine.ops.MatMul;
import io.keras4j.engine.ops.Relu;
import io.keras4j.engine.ops.Softmax;
import io.keras4j.losses.BinaryCrossentropy;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.Loss;
import io.keras4j.losses.MeanAbsoluteError;
import io.keras4j.losses.MeanSquaredError;
import io.keras4j.losses.SparseCategoricalCrossentropy;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every op's, activation's and loss's backward: the analytic
 * gradient from {@link Plan#backward} against central differences of the scalar output.
 */
class GradientCheckTest {
    private static final int N = 3;
    private final Random rnd = new Random(42);

    /** out = sum_i r_i * x_i with fixed random r: turns any tensor into a scalar with a non-trivial gradient. */
    static final class WeightedSum extends Op {
        private final float[] r;

        WeightedSum(Tensor x, long seed) {
            super(new int[] {1}, x);
            Random g = new Random(seed);
            r = new float[x.size(N)];
            for (int i = 0; i < r.length; i++) r[i] = (float) g.nextGaussian();
        }

        @Override
        public void forward(int n) {
            double s = 0;
            for (int i = 0; i < in[0].size(n); i++) s += r[i] * in[0].data[in[0].off + i];
            out.data[out.off] = (float) s;
        }

        @Override
        public void backward(int n) {
            for (int i = 0; i < in[0].size(n); i++) in[0].grad[in[0].goff + i] += r[i] * out.grad[out.goff];
        }
    }

    private Tensor input(Graph g, int... features) {
        Tensor t = g.input(features);
        t.needsGrad = true;
        return t;
    }

    private Variable variable(int... shape) {
        Variable v = new Variable("v", shape, true);
        for (int i = 0; i < v.size(); i++) v.data[i] = (float) rnd.nextGaussian();
        v.grad = new float[v.size()];
        return v;
    }

    /** Fills the batched tensor with values drawn by {@code gen}. */
    private void fill(Tensor t, java.util.function.DoubleSupplier gen) {
        for (int i = 0; i < t.size(N); i++) t.data[t.off + i] = (float) gen.getAsDouble();
    }

    /** Away from kinks: |x| in [0.1, 2.5], random sign. */
    private double smooth() {
        double v = 0.1 + 2.4 * rnd.nextDouble();
        return rnd.nextBoolean() ? v : -v;
    }

    /** Checks d scalar / d t for every t in wrt. Inputs must already hold values. */
    private void check(String what, Graph g, Tensor scalar, List<Tensor> wrt, Runnable fillInputs) {
        Plan plan = new Plan(g, N, true);
        fillInputs.run();
        for (Tensor t : wrt) if (t instanceof Variable) java.util.Arrays.fill(t.grad, 0f);
        plan.forward(N);
        plan.backward(N, scalar);
        for (Tensor t : wrt) {
            float[] analytic = java.util.Arrays.copyOfRange(t.grad, t.goff, t.goff + t.size(N));
            for (int i = 0; i < analytic.length; i++) {
                float keep = t.data[t.off + i];
                float h = 1e-2f * Math.max(1f, Math.abs(keep));
                t.data[t.off + i] = keep + h;
                plan.forward(N);
                double up = scalar.data[scalar.off];
                t.data[t.off + i] = keep - h;
                plan.forward(N);
                double down = scalar.data[scalar.off];
                t.data[t.off + i] = keep;
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - analytic[i]);
                assertTrue(err <= 2e-3 + 2e-2 * Math.abs(numeric),
                        what + ": d/d" + t + "[" + i + "] analytic " + analytic[i] + " vs numeric " + numeric);
            }
        }
    }

    private void checkUnary(String what, Function<Tensor, Tensor> op) {
        Graph g = new Graph();
        Tensor x = input(g, 2, 4);
        Tensor s = new WeightedSum(op.apply(x), 7).output();
        check(what, g, s, List.of(x), () -> fill(x, this::smooth));
    }

    @Test
    void matMul() {
        Graph g = new Graph();
        Tensor x = input(g, 2, 5);   // rank 3: the matmul runs over the last axis
        Variable w = variable(5, 3);
        Tensor s = new WeightedSum(new MatMul(x, w).output(), 1).output();
        check("MatMul", g, s, List.of(x, w), () -> fill(x, rnd::nextGaussian));
    }

    @Test
    void fusedDense() {
        for (boolean relu : new boolean[] {false, true}) {
            for (boolean bias : new boolean[] {false, true}) {
                Graph g = new Graph();
                Tensor x = input(g, 2, 5);
                Variable w = variable(5, 3), b = variable(3);
                Tensor s = new WeightedSum(new DenseOp(x, w, bias ? b : null, relu).output(), 3).output();
                check("DenseOp relu=" + relu + " bias=" + bias, g, s, bias ? List.of(x, w, b) : List.of(x, w),
                        () -> fill(x, this::smooth));
            }
        }
    }

    @Test
    void sharedKernelAccumulatesAndOverwrittenGradientsNeedNoZeroing() {
        Graph g = new Graph();
        Tensor x = input(g, 3);
        Variable w = variable(3, 3), b = variable(3);
        Tensor h = new DenseOp(x, w, b, true).output();
        Tensor s = new WeightedSum(new DenseOp(h, w, null, false).output(), 5).output();
        check("Dense twice with one kernel", g, s, List.of(x, w, b), () -> fill(x, this::smooth));

        Plan plan = new Plan(g, N, true);
        assertFalse(plan.overwritesGrad(w), "a kernel used twice sums two gradients");
        assertTrue(plan.overwritesGrad(b), "a bias used once is written outright");
        fill(x, this::smooth);
        java.util.Arrays.fill(w.grad, 0f);
        java.util.Arrays.fill(b.grad, 0f);
        plan.forward(N);
        plan.backward(N, s);
        float[] gw = w.grad.clone(), gb = b.grad.clone(), gx = java.util.Arrays.copyOf(x.grad, x.size(N));
        // as a training step: only the gradients the plan adds into are zeroed; stale values elsewhere
        java.util.Arrays.fill(w.grad, 0f);
        java.util.Arrays.fill(b.grad, 1e9f);
        java.util.Arrays.fill(x.grad, -1e9f);
        java.util.Arrays.fill(h.grad, 1e9f);
        plan.forward(N);
        plan.backward(N, s);
        assertArrayEquals(gw, w.grad);
        assertArrayEquals(gb, b.grad);
        assertArrayEquals(gx, java.util.Arrays.copyOf(x.grad, x.size(N)));
    }

    @Test
    void biasAdd() {
        Graph g = new Graph();
        Tensor x = input(g, 4);
        Variable b = variable(4);
        Tensor s = new WeightedSum(new BiasAdd(x, b).output(), 2).output();
        check("BiasAdd", g, s, List.of(x, b), () -> fill(x, rnd::nextGaussian));
    }

    @Test
    void relu() {
        checkUnary("Relu", x -> new Relu(x).output());
    }

    @Test
    void softmax() {
        checkUnary("Softmax", x -> new Softmax(x).output());
    }

    @Test
    void twoClassSoftmaxValuesMatchTheFormulaIncludingInfinitiesAndNaN() {
        Graph gc = new Graph();
        Tensor xc = input(gc, 2);
        check("Softmax over 2", gc, new WeightedSum(new Softmax(xc).output(), 7).output(), List.of(xc), () -> fill(xc, this::smooth));
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        float[][] rows = {{0.3f, -1.2f}, {-1.2f, 0.3f}, {5f, 5f}, {-80f, 80f}, {-inf, 0f}, {0f, -inf}, {inf, 0f},
            {0f, inf}, {-inf, -inf}, {nan, 0f}, {0f, nan}, {88f, -88f}};
        Graph g = new Graph();
        Tensor x = g.input(2);
        Tensor y = new Softmax(x).output();
        Plan plan = new Plan(g, rows.length, false);
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, x.data, x.off + 2 * r, 2);
        plan.forward(rows.length);
        for (int r = 0; r < rows.length; r++) {
            // exp(x - max) / sum in double: NaN wherever x - max is (an infinite or NaN max)
            double max = Math.max(rows[r][0], rows[r][1]);
            double e0 = Math.exp(rows[r][0] - max), e1 = Math.exp(rows[r][1] - max);
            double[] want = {e0 / (e0 + e1), e1 / (e0 + e1)};
            for (int j = 0; j < 2; j++) {
                float got = y.data[y.off + 2 * r + j];
                String what = "softmax(" + rows[r][0] + ", " + rows[r][1] + ")[" + j + "]";
                if (Double.isNaN(want[j])) assertTrue(Float.isNaN(got), what + " should be NaN, got " + got);
                else assertTrue(Math.abs(got - want[j]) <= 2 * Math.ulp((float) want[j]) + 1e-30, what + ": " + want[j] + " vs " + got);
            }
        }
    }

    static Stream<String> activations() {
        return Activations.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("activations")
    void activation(String name) {
        checkUnary(name, x -> Activations.apply(name, x));
    }

    static Stream<Object[]> losses() {
        return Stream.of(
                new Object[] {new BinaryCrossentropy(), "probabilities"},
                new Object[] {new BinaryCrossentropy(true), "logits"},
                new Object[] {new CategoricalCrossentropy(), "positive"},
                new Object[] {new CategoricalCrossentropy(true), "logits"},
                new Object[] {new SparseCategoricalCrossentropy(), "positive"},
                new Object[] {new SparseCategoricalCrossentropy(true), "logits"},
                new Object[] {new MeanSquaredError(), "logits"},
                new Object[] {new MeanAbsoluteError(), "logits"});
    }

    @ParameterizedTest
    @MethodSource("losses")
    void loss(Loss loss, String predKind) {
        int c = 4;
        Graph g = new Graph();
        Tensor p = input(g, c);
        boolean sparse = loss.targetWidth(c) == 1;
        Tensor y = g.input(sparse ? 1 : c);
        Tensor l = new LossOp(p, y, loss).output();
        check(loss.name() + "(" + predKind + ")", g, l, List.of(p), () -> {
            switch (predKind) {
                case "probabilities": fill(p, () -> 0.05 + 0.9 * rnd.nextDouble()); break;
                case "positive": fill(p, () -> 0.2 + rnd.nextDouble()); break;
                default: fill(p, this::smooth);
            }
            if (sparse) fill(y, () -> rnd.nextInt(c));
            else if (loss instanceof CategoricalCrossentropy) {
                java.util.Arrays.fill(y.data, 0f);
                for (int r = 0; r < N; r++) y.data[r * c + rnd.nextInt(c)] = 1f;
            } else if (loss instanceof BinaryCrossentropy) fill(y, () -> rnd.nextInt(2));
            else fill(y, rnd::nextGaussian);
        });
    }
}
