package io.keras4j.models;

import io.keras4j.engine.Plan;
import io.keras4j.engine.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * The model's parameter arena: every weight the optimizer updates in one {@code float[]}, every
 * gradient in another with the same layout (llm.c style), so the optimizer updates all weights in
 * one pass. Weights it must not touch (non-trainable ones, those of a frozen layer) live in a
 * second arena of their own, with no gradient: no optimizer step, momentum or weight decay
 * reaches them.
 */
final class Weights {
    private float[] params, grads, fixed;
    private List<Variable> vars;
    /** Per variable, whether it was bound as trained (to see a layer frozen since). */
    private boolean[] trained;
    /**
     * Writers of the values (an optimizer step, {@code setWeights}) hold its write lock; an
     * inference reads them optimistically (no lock taken, no shared write: the hot path stays
     * free of contention) and runs again under the read lock when a write overlapped it, so it
     * sees the weights of a whole step. See {@link Model}'s threading contract.
     */
    private final StampedLock lock = new StampedLock();

    boolean bound() {
        return params != null;
    }

    /** Moves the variables' values into fresh arenas: the trained ones (with gradients), the others. */
    void bind(List<Variable> variables) {
        int n = 0, m = 0;
        boolean[] t = new boolean[variables.size()];
        for (int i = 0; i < t.length; i++) {
            Variable v = variables.get(i);
            t[i] = v.needsGrad();
            if (t[i]) n += v.size();
            else m += v.size();
        }
        float[] p = new float[n], g = new float[n], f = new float[m];
        int off = 0, foff = 0;
        for (int i = 0; i < t.length; i++) {
            Variable v = variables.get(i);
            if (t[i]) {
                v.bind(p, off, g);
                off += v.size();
            } else {
                v.bind(f, foff, null);
                foff += v.size();
            }
        }
        params = p;
        grads = g;
        fixed = f;
        trained = t;
        vars = variables;
    }

    /** Whether a variable became trained or frozen since {@link #bind}: the arenas must be made again. */
    boolean stale() {
        for (int i = 0; i < trained.length; i++) if (vars.get(i).needsGrad() != trained[i]) return true;
        return false;
    }

    /** Forgets the arena (a layer was added); the variables keep their values in it until re-bound. */
    void unbind() {
        params = grads = fixed = null;
    }

    /** The number of scalars the optimizer updates. */
    int size() {
        return params.length;
    }

    /** The sizes of the variables in the optimizer's arena, in arena order (its per-variable boundaries). */
    int[] variableSizes() {
        int n = 0;
        for (Variable v : vars) if (v.data == params) n++;
        int[] s = new int[n];
        int i = 0;
        for (Variable v : vars) if (v.data == params) s[i++] = v.size();
        return s;
    }

    float[] params() {
        return params;
    }

    float[] grads() {
        return grads;
    }

    /** Zeroes the gradients that {@code plan}'s backward adds into (not those it overwrites). */
    void zeroGrads(Plan plan) {
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (trained[i] && !plan.overwritesGrad(v)) Arrays.fill(grads, v.goff, v.goff + v.size(), 0f);
        }
    }

    /** After an optimizer step: every variable's values changed. */
    void changed() {
        for (int i = 0; i < vars.size(); i++) vars.get(i).changed();
    }

    /** The lock of the values: see {@link #lock}. */
    StampedLock lock() {
        return lock;
    }

    List<Variable> variables() {
        return vars;
    }

    /** The variables the optimizer updates, in their order in {@link #params()} (for per-variable rules such as clipnorm). */
    List<Variable> trainedVariables() {
        List<Variable> t = new java.util.ArrayList<>();
        for (int i = 0; i < vars.size(); i++) if (trained[i]) t.add(vars.get(i));
        return t;
    }
}
