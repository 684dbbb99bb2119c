package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras's defaults: {@code epochs=1},
 * {@code batch_size=32}, {@code shuffle=True}, {@code verbose=1} (progress bar; 2 = one line per
 * epoch; 0 = silent), {@code validation_split=0}, no validation data, no callbacks, no class or
 * sample weights, {@code initial_epoch=0}, {@code validation_freq=1}, {@code validation_batch_size}
 * and {@code steps_per_epoch} unset (the batch size; every batch of the data).
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
    private NDArray validationSampleWeight;
    private List<Callback> callbacks = List.of();
    private Map<Integer, Double> classWeight;
    private NDArray sampleWeight;
    private int initialEpoch;
    private int validationFreq = 1;
    private Integer validationBatchSize;
    private Integer stepsPerEpoch;

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

    /** Validation data with per-sample weights {@code (n,)} for its loss (Keras's 3-tuple). */
    public FitOptions validationData(NDArray x, NDArray y, NDArray sampleWeight) {
        validationData(x, y);
        if (sampleWeight == null) throw new IllegalArgumentException("validation sample weights must not be null");
        this.validationSampleWeight = sampleWeight;
        return this;
    }

    /**
     * Keras's {@code class_weight}: the loss of each sample is multiplied by the weight of its class
     * (its id, or the argmax of a one-hot row); classes not in the map weigh 1. Cannot be combined
     * with {@link #sampleWeight}.
     */
    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        if (classWeight == null) throw new IllegalArgumentException("class_weight must not be null");
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("class_weight: entry " + e.getKey() + " -> " + e.getValue()
                        + " is not a class id with a finite weight");
            }
        }
        this.classWeight = new LinkedHashMap<>(classWeight);
        return this;
    }

    /**
     * Keras's {@code sample_weight}: one weight per training sample, shape {@code (n,)} or
     * {@code (n, 1)}. Each sample's loss is multiplied by its weight and the batch loss is still
     * divided by the batch size ({@code sum_over_batch_size}).
     */
    public FitOptions sampleWeight(NDArray sampleWeight) {
        if (sampleWeight == null) throw new IllegalArgumentException("sample_weight must not be null");
        this.sampleWeight = sampleWeight;
        return this;
    }

    /** The epoch to start counting from (Keras's {@code initial_epoch}, for resuming): runs epochs {@code initialEpoch .. epochs-1}. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) throw new IllegalArgumentException("initial_epoch must be >= 0, got " + initialEpoch);
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Validates after every {@code n}-th epoch only (epochs {@code n, 2n, ...} counting from 1). */
    public FitOptions validationFreq(int n) {
        if (n < 1) throw new IllegalArgumentException("validation_freq must be >= 1, got " + n);
        this.validationFreq = n;
        return this;
    }

    /** The batch size of validation (default: the training batch size). */
    public FitOptions validationBatchSize(int size) {
        if (size < 1) throw new IllegalArgumentException("validation_batch_size must be >= 1, got " + size);
        this.validationBatchSize = size;
        return this;
    }

    /**
     * Batches per epoch (Keras's {@code steps_per_epoch}), for {@code fit} over an iterator of
     * batches: the iterator then continues across epochs instead of starting again.
     */
    public FitOptions stepsPerEpoch(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps_per_epoch must be >= 1, got " + steps);
        this.stepsPerEpoch = steps;
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

    public NDArray validationSampleWeight() {
        return validationSampleWeight;
    }

    /** The class weights, or null. */
    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    /** The sample weights, or null. */
    public NDArray sampleWeight() {
        return sampleWeight;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public int validationFreq() {
        return validationFreq;
    }

    /** The validation batch size, or null for the training batch size. */
    public Integer validationBatchSize() {
        return validationBatchSize;
    }

    /** Steps per epoch, or null for all the data. */
    public Integer stepsPerEpoch() {
        return stepsPerEpoch;
    }
}
