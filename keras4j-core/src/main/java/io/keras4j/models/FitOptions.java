package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras's defaults: {@code epochs=1},
 * {@code batch_size=32}, {@code shuffle=True}, {@code verbose=1} (progress bar; 2 = one line per
 * epoch; 0 = silent), {@code validation_split=0}, no validation data, no callbacks.
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(200).batchSize(100));
 * }</pre>
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private int verbose = 1;
    private double validationSplit = 0.0;
    private NDArray validationX, validationY;
    private List<Callback> callbacks = List.of();

    public FitOptions epochs(int epochs) {
        if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        this.epochs = epochs;
        return this;
    }

    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        this.verbose = verbose;
        return this;
    }

    /** Fraction in [0, 1) of the data, taken from the end before shuffling, held out for validation. */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Data to evaluate at the end of each epoch (takes precedence over {@code validationSplit}). */
    public FitOptions validationData(NDArray x, NDArray y) {
        if (x == null || y == null) throw new IllegalArgumentException("validation data must not be null");
        this.validationX = x;
        this.validationY = y;
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) if (c == null) throw new IllegalArgumentException("a callback is null");
        this.callbacks = List.of(callbacks);
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public int verbose() {
        return verbose;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public NDArray validationX() {
        return validationX;
    }

    public NDArray validationY() {
        return validationY;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }
}
