package io.keras4j.models;

import io.keras4j.engine.Graph;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.LossOp;
import io.keras4j.engine.ops.SumScalars;
import io.keras4j.losses.Loss;
import java.util.function.Function;

/**
 * One compiled call of a model: its graph made into a {@link Plan}, with the tensors the
 * training loop feeds and reads. {@code TRAIN} has gradients and the loss, {@code EVAL} the loss
 * only, {@code PREDICT} neither. Its buffers (and its ops' caches, such as {@code DenseOp}'s
 * packed weights) serve one call at a time: inference plans come from an {@link ExecutablePool},
 * one per concurrent caller.
 */
final class Executable {
    enum Mode { TRAIN, EVAL, PREDICT }

    final Plan plan;
    final Tensor x, y, pred, loss;
    /** Per-sample weights {@code (None,)} fed with {@link #weighted(boolean)} on (null for PREDICT). */
    final Tensor sw;
    private final LossOp lossOp;
    final Mode mode;
    /** For inference plans: the bucket of the {@link ExecutablePool} it goes back to. */
    java.util.concurrent.atomic.AtomicReferenceArray<Executable> slots;

    /**
     * @param call       the model's forward pass: input tensor to output tensor (records ops)
     * @param yRowShape  target shape without batch (ignored for PREDICT)
     */
    Executable(int[] inputShape, Function<Tensor, Tensor> call, Loss lossFn, int[] yRowShape, int capacity, Mode mode) {
        Graph g = new Graph();
        this.mode = mode;
        this.x = g.input(inputShape);
        g.lossesWanted(mode != Mode.PREDICT);
        this.pred = call.apply(x);
        if (mode == Mode.PREDICT) {
            this.y = null;
            this.loss = null;
            this.sw = null;
            this.lossOp = null;
        } else {
            this.y = g.input(yRowShape);
            this.sw = g.input();
            this.lossOp = new LossOp(pred, y, sw, lossFn);
            this.loss = withAddedLosses(lossOp.output(), g);
        }
        this.plan = new Plan(g, capacity, mode == Mode.TRAIN);
    }

    /** Whether the loss weights each sample by {@link #sw} (Keras's {@code sample_weight}). */
    void weighted(boolean on) {
        lossOp.weighted(on);
    }

    /** The loss plus every loss the layers added (Keras's {@code model.losses}: regularization penalties). */
    private static Tensor withAddedLosses(Tensor loss, Graph g) {
        if (g.losses().isEmpty()) return loss;
        Tensor[] all = new Tensor[g.losses().size() + 1];
        all[0] = loss;
        for (int i = 1; i < all.length; i++) all[i] = g.losses().get(i - 1);
        return new SumScalars(all).output();
    }

    int capacity() {
        return plan.capacity();
    }

    /** Values per sample of the output. */
    int predRow() {
        return pred.rowSize();
    }

    /** The output's last axis. */
    int classes() {
        return pred.dim(-1);
    }
}
