package io.keras4j.models;

import io.keras4j.engine.Graph;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.LossOp;
import io.keras4j.engine.ops.MaskedLossOp;
import io.keras4j.engine.ops.SumScalars;
import io.keras4j.losses.Loss;
import java.util.ArrayList;
import java.util.List;
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
    /** The first input, target and output (the only ones of a one-input, one-output model) and the total loss. */
    final Tensor x, y, pred, loss;
    /** Per-sample weights {@code (None,)} fed with {@link #weighted(boolean)} on (null for PREDICT). */
    final Tensor sw;
    final Mode mode;
    /** For inference plans: the bucket of the {@link ExecutablePool} it goes back to. */
    java.util.concurrent.atomic.AtomicReferenceArray<Executable> slots;

    /** Whether the loss weights each sample by {@link #sw} (Keras's {@code sample_weight}). */
    void weighted(boolean on) {
        for (LossOp op : lossOps) op.weighted(on);
        for (MaskedLossOp op : maskedLossOps) op.weighted(on);
    }

    /**
     * Every input, target, output and per-output loss, in order; {@code masks}: per output, the
     * step mask it carries (Embedding {@code mask_zero}, Masking), or null.
     */
    final List<Tensor> xs, ys, preds, outputLosses, masks;
    private final List<LossOp> lossOps = new ArrayList<>();
    private final List<MaskedLossOp> maskedLossOps = new ArrayList<>();

    /**
     * A plan of a model ({@link Functional}, which a {@link Sequential} builds): {@code call} maps
     * the input tensors to the outputs and their masks; each output has its loss (masked steps
     * left out, as Keras's {@code apply_mask}), weighted by {@code lossWeights} into {@link #loss}
     * (plus the layers' added losses); one sample-weight input serves every output, as Keras's
     * {@code sample_weight}.
     */
    Executable(List<int[]> inputShapes, Function<List<Tensor>, Functional.Outputs> call,
               List<Loss> lossFns, double[] lossWeights, List<int[]> yRowShapes, int capacity, Mode mode) {
        Graph g = new Graph();
        this.mode = mode;
        List<Tensor> ins = new ArrayList<>();
        for (int[] s : inputShapes) ins.add(g.input(s));
        this.xs = List.copyOf(ins);
        this.x = ins.get(0);
        g.lossesWanted(mode != Mode.PREDICT);
        Functional.Outputs outs = call.apply(xs);
        this.preds = List.copyOf(outs.values());
        this.masks = java.util.Collections.unmodifiableList(new ArrayList<>(outs.masks()));
        this.pred = preds.get(0);
        if (mode == Mode.PREDICT) {
            this.y = null;
            this.loss = null;
            this.sw = null;
            this.ys = List.of();
            this.outputLosses = List.of();
        } else {
            List<Tensor> targets = new ArrayList<>(), ls = new ArrayList<>();
            for (int[] s : yRowShapes) targets.add(g.input(s));
            this.sw = g.input();
            for (int i = 0; i < preds.size(); i++) {
                if (masks.get(i) == null) {
                    LossOp op = new LossOp(preds.get(i), targets.get(i), sw, lossFns.get(i));
                    lossOps.add(op);
                    ls.add(op.output());
                } else {
                    MaskedLossOp op = new MaskedLossOp(preds.get(i), targets.get(i), sw, masks.get(i), lossFns.get(i));
                    maskedLossOps.add(op);
                    ls.add(op.output());
                }
            }
            this.ys = List.copyOf(targets);
            this.y = targets.get(0);
            this.outputLosses = List.copyOf(ls);
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
