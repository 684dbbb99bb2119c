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
        this.xs = java.util.List.of(x);
        this.preds = java.util.List.of(pred);
        this.ys = y == null ? java.util.List.of() : java.util.List.of(y);
        this.outputLosses = lossOp == null ? java.util.List.of() : java.util.List.of(lossOp.output());
        this.lossOps = null;
        this.plan = new Plan(g, capacity, mode == Mode.TRAIN);
    }

    /** Whether the loss weights each sample by {@link #sw} (Keras's {@code sample_weight}). */
    void weighted(boolean on) {
        if (lossOps != null) for (LossOp op : lossOps) op.weighted(on);
        else lossOp.weighted(on);
    }

    /** A model of several inputs and outputs (functional): every input, output, target and per-output loss, in order. */
    final java.util.List<Tensor> xs, ys, preds, outputLosses;
    private final java.util.List<LossOp> lossOps;

    /**
     * A plan of a functional model: {@code call} maps the input tensors to the outputs; each output
     * has its loss, weighted by {@code lossWeights} into {@link #loss} (plus the layers' added
     * losses); one sample-weight input serves every output, as Keras's {@code sample_weight}.
     */
    Executable(java.util.List<int[]> inputShapes, Function<java.util.List<Tensor>, java.util.List<Tensor>> call,
               java.util.List<Loss> lossFns, double[] lossWeights, java.util.List<int[]> yRowShapes, int capacity, Mode mode) {
        Graph g = new Graph();
        this.mode = mode;
        java.util.List<Tensor> ins = new java.util.ArrayList<>();
        for (int[] s : inputShapes) ins.add(g.input(s));
        this.xs = java.util.List.copyOf(ins);
        this.x = ins.get(0);
        g.lossesWanted(mode != Mode.PREDICT);
        this.preds = java.util.List.copyOf(call.apply(xs));
        this.pred = preds.get(0);
        if (mode == Mode.PREDICT) {
            this.y = null;
            this.loss = null;
            this.sw = null;
            this.lossOp = null;
            this.ys = java.util.List.of();
            this.outputLosses = java.util.List.of();
            this.lossOps = java.util.List.of();
        } else {
            java.util.List<Tensor> targets = new java.util.ArrayList<>(), ls = new java.util.ArrayList<>();
            java.util.List<LossOp> ops = new java.util.ArrayList<>();
            for (int[] s : yRowShapes) targets.add(g.input(s));
            this.sw = g.input();
            for (int i = 0; i < preds.size(); i++) {
                LossOp op = new LossOp(preds.get(i), targets.get(i), sw, lossFns.get(i));
                ops.add(op);
                ls.add(op.output());
            }
            this.ys = java.util.List.copyOf(targets);
            this.y = targets.get(0);
            this.lossOps = java.util.List.copyOf(ops);
            this.lossOp = ops.get(0);
            this.outputLosses = java.util.List.copyOf(ls);
            Tensor total = ls.size() == 1 && lossWeights[0] == 1.0 ? ls.get(0)
                    : new io.keras4j.engine.ops.WeightedSumScalars(lossWeights, ls.toArray(new Tensor[0])).output();
            this.loss = withAddedLosses(total, g);
        }
        this.plan = new Plan(g, capacity, mode == Mode.TRAIN);
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
