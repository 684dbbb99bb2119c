package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.engine.ops.LossOp;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.MeanSquaredError;
import io.keras4j.losses.Loss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LossOp} with per-sample weights: forward is {@code sum_s w_s * sum_rows(s) rowLoss / R}
 * (computed here from the unweighted op, one sample at a time) and backward matches central
 * finite differences of that forward.
 */
class WeightedLossOpTest {
    private static final int N = 5, T = 2, C = 3;

    private void check(Loss loss, boolean probabilities) {
        Random rnd = new Random(3);
        Graph g = new Graph();
        Tensor p = g.input(T, C);
        p.needsGrad = true;
        Tensor y = g.input(T, C);
        Tensor w = g.input();
        LossOp op = new LossOp(p, y, w, loss);
        Tensor l = op.output();
        Plan plan = new Plan(g, N, true);
        for (int i = 0; i < N * T * C; i++) {
            p.data[i] = probabilities ? 0.1f + 0.8f * rnd.nextFloat() : (float) rnd.nextGaussian();
            y.data[i] = probabilities ? (i % C == (i / C) % C ? 1 : 0) : (float) rnd.nextGaussian();
        }
        for (int s = 0; s < N; s++) w.data[s] = 0.5f * s;
        // forward against the unweighted op applied to each sample alone
        op.weighted(false);
        double expected = 0;
        float[] wSaved = w.data.clone();
        for (int s = 0; s < N; s++) {
            Graph g1 = new Graph();
            Tensor p1 = g1.input(T, C), y1 = g1.input(T, C);
            Tensor l1 = new LossOp(p1, y1, loss).output();
            new Plan(g1, 1, false);
            System.arraycopy(p.data, s * T * C, p1.data, 0, T * C);
            System.arraycopy(y.data, s * T * C, y1.data, 0, T * C);
            l1.producer.forward(1);
            expected += wSaved[s] * l1.data[0] * T; // the one-sample op divides by its T rows
        }
        expected /= N * T;
        op.weighted(true);
        plan.forward(N);
        assertEquals(expected, l.data[l.off], 1e-6, loss.name() + " forward");
        // backward against central differences
        java.util.Arrays.fill(p.grad, 0f);
        plan.backward(N, l);
        for (int i = 0; i < N * T * C; i += 2) {
            float v = p.data[i];
            float h = 1e-3f;
            p.data[i] = v + h;
            plan.forward(N);
            double up = l.data[l.off];
            p.data[i] = v - h;
            plan.forward(N);
            double down = l.data[l.off];
            p.data[i] = v;
            assertEquals((up - down) / (2 * h), p.grad[i], 2e-3, loss.name() + " d/dp[" + i + "]");
        }
    }

    @Test
    void categoricalCrossentropy() {
        check(new CategoricalCrossentropy(), true);
    }

    @Test
    void meanSquaredError() {
        check(new MeanSquaredError(), false);
    }
}
