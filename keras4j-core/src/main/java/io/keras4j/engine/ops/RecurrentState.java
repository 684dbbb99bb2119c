package io.keras4j.engine.ops;

import java.util.Arrays;

/**
 * The carried state of a stateful recurrent layer (Keras's {@code stateful=True}): the last
 * step's {@code h} (and LSTM's {@code c}) of each sample, the initial state of the same sample
 * in the next call. Owned by the layer, shared by its plans (training and inference), as
 * Keras's state variables are. The batch size is fixed by the first call, as in Keras.
 */
public final class RecurrentState {
    private final String owner;
    private final int units;
    private int batch = -1;
    float[] h, c;

    /** @param owner how messages name the layer, e.g. {@code LSTM 'lstm'} */
    public RecurrentState(String owner, int units) {
        this.owner = owner;
        this.units = units;
    }

    /** The state for {@code n} samples: allocated (zeros) at the first call, then the same size. */
    void ensure(int n, boolean withCarry) {
        if (batch < 0) {
            batch = n;
            h = new float[n * units];
            if (withCarry) c = new float[n * units];
        } else if (n != batch) {
            throw new IllegalArgumentException(owner + ": a stateful layer keeps the state of " + batch
                    + " samples; got a batch of " + n + " (every batch, the last included, must have the same size)");
        }
    }

    /** Keras's {@code reset_states()}: zeros. */
    public void reset() {
        if (h != null) Arrays.fill(h, 0f);
        if (c != null) Arrays.fill(c, 0f);
    }

    /** The carried {@code h} (batch, units) as a copy, or null before the first call. */
    public float[] hidden() {
        return h == null ? null : h.clone();
    }
}
