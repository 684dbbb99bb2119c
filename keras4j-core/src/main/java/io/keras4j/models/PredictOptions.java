package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code predict}: {@code batch_size} (default 32),
 * {@code verbose} (default 1: a progress line; 0 silent) and {@code callbacks} (their predict
 * hooks are called once per batch).
 * <pre>{@code
 * NDArray p = model.predict(x, new PredictOptions().batchSize(256).verbose(0));
 * }</pre>
 * The plain {@link Model#predict(io.keras4j.NDArray...)} prints nothing and calls no hooks.
 */
public final class PredictOptions {
    private int batchSize = 32;
    private int verbose = 1;
    private List<Callback> callbacks = List.of();

    public PredictOptions batchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line. */
    public PredictOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        this.verbose = verbose;
        return this;
    }

    public PredictOptions callbacks(Callback... callbacks) {
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

    public List<Callback> callbacks() {
        return callbacks;
    }
}
