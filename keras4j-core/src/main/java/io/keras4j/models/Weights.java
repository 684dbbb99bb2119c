package io.keras4j.models;

import io.keras4j.engine.Plan;
import io.keras4j.engine.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * The model's parameter arena: every weight in one {@code float[]}, every gradient in another
 * with the same layout (llm.c style), so the optimizer updates all weights in one pass.
 */
final class Weights {
    private float[] params, grads;
    private List<Variable> vars;
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

    /** Moves the variables' values into a fresh arena. */
    void bind(List<Variable> variables) {
        int n = 0;
        for (Variable v : variables) n += v.size();
        float[] p = new float[n], g = new float[n];
        int off = 0;
        for (Variable v : variables) {
            v.bind(p, off, g);
            off += v.size();
        }
        params = p;
        grads = g;
        vars = variables;
    }

    /** Forgets the arena (a layer was added); the variables keep their values in it until re-bound. */
    void unbind() {
        params = grads = null;
    }

    int size() {
        return params.length;
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
            if (!plan.overwritesGrad(v)) Arrays.fill(grads, v.goff, v.goff + v.size(), 0f);
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
}
