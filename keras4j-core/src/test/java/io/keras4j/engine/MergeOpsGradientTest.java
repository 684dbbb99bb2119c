package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.ops.BatchDotOp;
import io.keras4j.engine.ops.ConcatOp;
import io.keras4j.engine.ops.MergeOp;
import io.keras4j.engine.ops.WeightedSumScalars;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The merge ops behind Add ... Dot: forward values against hand-computed ones, and backward
 * against central finite differences of {@code sum(r * op(x...))}.
 */
class MergeOpsGradientTest {
    private static final int N = 3;
    private final Random rnd = new Random(7);

    private Tensor input(Graph g, int... features) {
        Tensor t = g.input(features);
        t.needsGrad = true;
        return t;
    }

    private void fill(Tensor t) {
        for (int i = 0; i < t.size(N); i++) {
            double v = 0.2 + 2 * rnd.nextDouble();
            t.data[t.off + i] = (float) (rnd.nextBoolean() ? v : -v);
        }
    }

    private void check(String what, int inputs, int[] shape, Function<Tensor[], Tensor> op) {
        Graph g = new Graph();
        Tensor[] xs = new Tensor[inputs];
        for (int i = 0; i < inputs; i++) xs[i] = input(g, shape);
        Tensor s = new GradientCheckTest.WeightedSum(op.apply(xs), 11).output();
        Plan plan = new Plan(g, N, true);
        for (Tensor x : xs) fill(x);
        plan.forward(N);
        plan.backward(N, s);
        for (Tensor t : xs) {
            float[] analytic = Arrays.copyOfRange(t.grad, t.goff, t.goff + t.size(N));
            for (int i = 0; i < analytic.length; i++) {
                float keep = t.data[t.off + i];
                float h = 1e-3f * Math.max(1f, Math.abs(keep));
                t.data[t.off + i] = keep + h;
                plan.forward(N);
                double up = s.data[s.off];
                t.data[t.off + i] = keep - h;
                plan.forward(N);
                double down = s.data[s.off];
                t.data[t.off + i] = keep;
                double numeric = (up - down) / (2 * h);
                assertTrue(Math.abs(numeric - analytic[i]) <= 3e-3 + 2e-2 * Math.abs(numeric),
                        what + ": d/d" + t + "[" + i + "] analytic " + analytic[i] + " vs numeric " + numeric);
            }
        }
    }

    @Test
    void elementwiseMergesHaveTheirGradients() {
        for (MergeOp.Mode m : MergeOp.Mode.values()) {
            int k = m == MergeOp.Mode.SUBTRACT ? 2 : 3;
            check(m.name(), k, new int[] {2, 3}, xs -> new MergeOp(m, xs).output());
        }
    }

    @Test
    void concatAndDotHaveTheirGradients() {
        check("concat axis 1", 2, new int[] {2, 3}, xs -> new ConcatOp(1, xs).output());
        check("concat axis 2", 3, new int[] {2, 3}, xs -> new ConcatOp(2, xs).output());
        check("dot", 2, new int[] {4}, xs -> new BatchDotOp(xs[0], xs[1], false).output());
        check("cosine", 2, new int[] {4}, xs -> new BatchDotOp(xs[0], xs[1], true).output());
    }

    @Test
    void forwardValuesMatchHandComputedOnes() {
        Graph g = new Graph();
        Tensor a = g.input(2), b = g.input(2);
        Tensor add = new MergeOp(MergeOp.Mode.ADD, a, b).output(), sub = new MergeOp(MergeOp.Mode.SUBTRACT, a, b).output();
        Tensor mul = new MergeOp(MergeOp.Mode.MULTIPLY, a, b).output(), avg = new MergeOp(MergeOp.Mode.AVERAGE, a, b).output();
        Tensor max = new MergeOp(MergeOp.Mode.MAXIMUM, a, b).output(), min = new MergeOp(MergeOp.Mode.MINIMUM, a, b).output();
        Tensor cat = new ConcatOp(1, a, b).output(), dot = new BatchDotOp(a, b, false).output();
        Tensor cos = new BatchDotOp(a, b, true).output();
        new Plan(g, 1, false);
        System.arraycopy(new float[] {3, -4}, 0, a.data, 0, 2);
        System.arraycopy(new float[] {1, 2}, 0, b.data, 0, 2);
        for (var op : g.ops()) op.forward(1);
        assertEquals(List.of(4f, -2f), vals(add));
        assertEquals(List.of(2f, -6f), vals(sub));
        assertEquals(List.of(3f, -8f), vals(mul));
        assertEquals(List.of(2f, -1f), vals(avg));
        assertEquals(List.of(3f, 2f), vals(max));
        assertEquals(List.of(1f, -4f), vals(min));
        assertEquals(List.of(3f, -4f, 1f, 2f), vals(cat));
        assertEquals(List.of(-5f), vals(dot));
        assertEquals(-5 / (5 * Math.sqrt(5)), cos.data[0], 1e-6); // (3*1 - 4*2) / (|a| |b|)
    }

    @Test
    void weightedSumOfLossesWeighsValuesAndGradients() {
        Graph g = new Graph();
        Tensor a = input(g, 1);
        Tensor b = input(g, 1);
        Tensor ra = new GradientCheckTest.WeightedSum(a, 1).output(), rb = new GradientCheckTest.WeightedSum(b, 2).output();
        Tensor s = new WeightedSumScalars(new double[] {1.0, 0.25}, ra, rb).output();
        Plan plan = new Plan(g, N, true);
        fill(a);
        fill(b);
        plan.forward(N);
        assertEquals(ra.data[0] + 0.25 * rb.data[0], s.data[0], 1e-5);
        plan.backward(N, s);
        assertEquals(0.25f * new Random(2).nextGaussian(), b.grad[0], 1e-6); // d s / d b_0 = 0.25 r_0
    }

    private static List<Float> vals(Tensor t) {
        Float[] v = new Float[t.rowSize()];
        for (int i = 0; i < v.length; i++) v[i] = t.data[t.off + i];
        return List.of(v);
    }
}
