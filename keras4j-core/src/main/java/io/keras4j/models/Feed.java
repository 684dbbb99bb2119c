package io.keras4j.models;

/** Where the batches of an epoch of {@code fit} come from: in-memory arrays ({@link ArrayFeed}) or a stream ({@link StreamFeed}). */
interface Feed {
    /** Steps per epoch, or 0 when unknown. */
    int steps();

    void beginEpoch();

    /** Advances to the next batch of the epoch; false at its end. */
    boolean next();

    /** Samples in the current batch. */
    int rows();

    /** Writes the current batch into {@code e}'s inputs, targets and sample weights; returns whether it is weighted. */
    boolean fill(Executable e);

    /** True when the data ran out for good (a consumed iterator): training ends. */
    default boolean exhausted() {
        return false;
    }

    /** Keras's warning when the data of {@code fit} ends before its epochs do. */
    static void ranOut() {
        System.getLogger("io.keras4j").log(System.Logger.Level.WARNING, "Your input ran out of data; interrupting training. "
                + "Make sure that your dataset or generator can generate at least `steps_per_epoch * epochs` batches.");
    }
}
