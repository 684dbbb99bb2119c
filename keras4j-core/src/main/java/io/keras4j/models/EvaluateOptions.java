package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code evaluate}: {@code batch_size} (default 32),
 * {@code verbose} (default 1: one final progress line; 0 silent), {@code sample_weight}
 * (one weight per sample, shape {@code (n,)}; none by default) and {@code callbacks} (their test
 * hooks are called).
 * <pre>{@code
 * Map<String, Double> r = model.evaluate(x, y, new EvaluateOptions().batchSize(256).verbose(0));
 * }</pre>
 */
public final class EvaluateOptions {
    private int batchSize = 32;
    private int verbose = 1;
    private NDArray sampleWeight;
    private List<Callback> callbacks = List.of();

    public EvaluateOptions batchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /** 0 = silent, 1 or 2 = one line. */
    public EvaluateOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        this.verbose = verbose;
        return this;
    }

    /** Per-sample weights of the loss, shape {@code (n,)} or {@code (n, 1)}. */
    public EvaluateOptions sampleWeight(NDArray sampleWeight) {
        if (sampleWeight == null) throw new IllegalArgumentException("sample_weight must not be null");
        this.sampleWeight = sampleWeight;
        return this;
    }

    public EvaluateOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) if (c == null) throw new IllegalArgumentException("a callback is null");
        this.callbacks = List.of(callbacks);
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public int verbose() {
        return verbose;
    }

    /** The sample weights, or null. */
    public NDArray sampleWeight() {
        return sampleWeight;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }
}
