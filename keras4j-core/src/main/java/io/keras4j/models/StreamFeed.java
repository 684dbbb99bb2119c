package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Batches {@code {x, y}} or {@code {x, y, sampleWeight}} from a Java iterator (Keras's generator or
 * {@code PyDataset}), for a model of one input and one output, checked one by one as they arrive.
 * {@code source} non-null: each epoch iterates it again, unless {@code stepsPerEpoch} is set, when
 * one iterator continues across epochs (restarted when it runs out). {@code source} null: the
 * iterator is consumed once.
 */
final class StreamFeed implements Feed {
    private final Functional model;
    private final Iterable<NDArray[]> source;
    private final Integer stepsPerEpoch;
    private final Map<Integer, Double> classWeight;
    private final int[] feat, yShape;
    private Iterator<NDArray[]> it;
    private NDArray[] pending, current;
    private int taken;
    private boolean started, exhausted;

    /** {@code first}: the batch already taken from {@code it} (and checked) to build the model. */
    StreamFeed(Functional model, Iterable<NDArray[]> source, Iterator<NDArray[]> it, NDArray[] first, Integer stepsPerEpoch,
               Map<Integer, Double> classWeight) {
        this.model = model;
        this.source = source;
        this.classWeight = classWeight;
        this.it = it;
        this.pending = first;
        this.stepsPerEpoch = stepsPerEpoch;
        this.feat = ModelData.features(first[0]);
        this.yShape = first[1].shape();
    }

    /** The targets' shape of the first batch (with its batch dimension). */
    int[] yShape() {
        return yShape.clone();
    }

    @Override public int steps() {
        return stepsPerEpoch == null ? 0 : stepsPerEpoch;
    }

    @Override public void beginEpoch() {
        taken = 0;
        if (started) {
            if (stepsPerEpoch == null) it = source != null ? source.iterator() : null;
            else if (source != null && (it == null || !it.hasNext())) it = source.iterator(); // ran out: start again
        }
        started = true;
    }

    @Override public boolean next() {
        if (stepsPerEpoch != null && taken == stepsPerEpoch) return false;
        if (pending != null) {
            current = pending;
            pending = null;
        } else if (it != null && it.hasNext()) {
            current = it.next();
            check(model, current, feat, yShape);
        } else {
            if (source == null || taken == 0) exhausted = true; // fit warns if epochs remain
            else if (stepsPerEpoch != null) Feed.ranOut();      // an epoch cut short; the next starts again
            it = null;
            return false;
        }
        taken++;
        return true;
    }

    @Override public int rows() {
        return current[0].shape()[0];
    }

    @Override public boolean fill(Executable e) {
        int rows = rows();
        float[] x = current[0].toFloatArray(), y = current[1].toFloatArray();
        System.arraycopy(x, 0, e.x.data, 0, x.length);
        System.arraycopy(y, 0, e.y.data, 0, y.length);
        if (current.length == 3 && classWeight != null) {
            throw new IllegalArgumentException("fit: class_weight and per-batch sample weights cannot be used at the same time");
        }
        if (current.length == 3) System.arraycopy(ModelData.sampleWeights(current[2], rows, "fit: batch"), 0, e.sw.data, 0, rows);
        if (classWeight != null) System.arraycopy(ModelData.classWeights(y, current[1].shape(), classWeight), 0, e.sw.data, 0, rows);
        return current.length == 3 || classWeight != null;
    }

    @Override public boolean exhausted() {
        return exhausted;
    }

    /**
     * Checks one batch {@code {x, y}} or {@code {x, y, sampleWeight}}: against the model, and against
     * the first batch's shapes ({@code feat}, {@code yShape}; null for the first batch itself).
     */
    static void check(Functional model, NDArray[] b, int[] feat, int[] yShape) {
        if (b == null || b.length < 2 || b.length > 3) {
            throw new IllegalArgumentException("fit: each batch must be {x, y} or {x, y, sampleWeight}, got "
                    + (b == null ? "null" : b.length + " arrays"));
        }
        if (feat != null && b[0] != null && b[0].ndim() >= 2 && !Arrays.equals(ModelData.features(b[0]), feat)) {
            throw new IllegalArgumentException("fit: batch: expected input shape " + NDArray.shapeString(Layer.withBatch(feat))
                    + ", got " + NDArray.shapeString(Layer.withBatch(ModelData.features(b[0]))));
        }
        if (yShape != null && b[1] != null && b[1].ndim() >= 1) {
            int[] row = Arrays.copyOfRange(b[1].shape(), 1, b[1].ndim());
            if (!Arrays.equals(row, Arrays.copyOfRange(yShape, 1, yShape.length))) {
                throw new IllegalArgumentException("fit: batch targets of shape " + NDArray.shapeString(b[1].shape())
                        + " differ from the first batch's " + NDArray.shapeString(Layer.withBatch(
                        Arrays.copyOfRange(yShape, 1, yShape.length))));
            }
        }
        ModelData d = ModelData.of(model, List.of(b[0]), List.of(b[1]), null, "fit: batch");
        if (b.length == 3) ModelData.sampleWeights(b[2], d.n(), "fit: batch");
    }
}
