package io.keras4j.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph made executable: every activation and gradient buffer is allocated here, once, for
 * {@code capacity} samples (llm.c style: memory planned up front). {@link #forward} and
 * {@link #backward} then run a fixed list of ops and allocate nothing.
 *
 * <p>Parameter storage and gradients are not owned by the plan: they live in the model's arenas
 * (see {@link Variable#bind}), so several plans (training, inference) share one set of weights.
 */
public final class Plan {
    private final Op[] ops;
    private final int capacity;
    private final Tensor[] gradTensors;
    private final Map<Tensor, Boolean> overwritten;

    /** @param withGradients whether to allocate gradient buffers (training) or not (inference). */
    public Plan(Graph graph, int capacity, boolean withGradients) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
        this.ops = graph.ops().toArray(new Op[0]);
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Tensor> withGrad = new ArrayList<>();
        List<Tensor> all = new ArrayList<>(graph.inputs());
        for (Op op : ops) {
            all.addAll(Arrays.asList(op.inputs()));
            all.add(op.output());
        }
        for (Tensor t : all) {
            if (t instanceof Variable || seen.put(t, Boolean.TRUE) != null) continue;
            t.data = new float[t.size(capacity)];
            t.off = 0;
            t.grad = null;
            if (withGradients && t.needsGrad) {
                t.grad = new float[t.size(capacity)];
                t.goff = 0;
                withGrad.add(t);
            }
        }
        // a gradient with one consumer that can overwrite it is written, not zeroed and added into
        Map<Tensor, Integer> uses = new IdentityHashMap<>();
        for (Op op : ops) for (Tensor t : op.inputs()) uses.merge(t, 1, Integer::sum);
        Map<Tensor, Boolean> overwritten = new IdentityHashMap<>();
        for (Op op : ops) {
            Tensor[] ins = op.inputs();
            for (int i = 0; i < ins.length; i++) {
                if (withGradients && ins[i].needsGrad && uses.get(ins[i]) == 1 && op.canOverwriteGrad(i)) {
                    op.setOverwrite(i);
                    overwritten.put(ins[i], Boolean.TRUE);
                }
            }
        }
        withGrad.removeIf(overwritten::containsKey);
        this.gradTensors = withGrad.toArray(new Tensor[0]);
        this.overwritten = overwritten;
    }

    /**
     * Whether backward writes {@code v}'s gradient outright (its only consumer overwrites it), so
     * the owner of the gradient arena need not zero it before {@link #backward}.
     */
    public boolean overwritesGrad(Variable v) {
        return overwritten.containsKey(v);
    }

    /** The largest number of samples one call can take. */
    public int capacity() {
        return capacity;
    }

    /** Runs every op forward for {@code n <= capacity} samples. */
    public void forward(int n) {
        check(n);
        for (Op op : ops) op.forward(n);
    }

    /**
     * Back-propagates from the scalar {@code loss} (d loss / d loss = 1), adding into every needed
     * gradient. Parameter gradients must have been zeroed by the caller (they live in its arena),
     * except those the plan {@linkplain #overwritesGrad overwrites}.
     */
    public void backward(int n, Tensor loss) {
        check(n);
        for (Tensor t : gradTensors) Arrays.fill(t.grad, t.goff, t.goff + t.size(n), 0f);
        loss.grad[loss.goff] = 1f;
        for (int i = ops.length - 1; i >= 0; i--) {
            if (ops[i].output().needsGrad) ops[i].backward(n);
        }
    }

    private void check(int n) {
        if (n < 1 || n > capacity) throw new IllegalArgumentException("batch of " + n + " samples for a plan of " + capacity);
    }
}
