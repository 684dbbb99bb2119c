package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.metrics.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one training path of every model: {@code fit}, {@code evaluate} and {@code predict} of a
 * {@link Functional} graph ({@link Sequential} runs the graph it builds, as Keras 3's Sequential
 * runs its {@code _functional}). This class validates the call and wires its pieces: the data
 * adapter ({@link ModelData}, {@link ArrayFeed}, {@link StreamFeed}), the epoch loop
 * ({@link FitLoop}), the step ({@link TrainStep}) and the inference loops ({@link TestLoop}).
 * Everything is checked before the model changes, so bad input changes nothing.
 */
final class Trainer {
    /** Rows per predict call of the plan when no batch size is given: results do not depend on it, speed does. */
    private static final int PREDICT_CHUNK = 1024;
    private static final Kernels K = KernelsProvider.get();

    private final Functional model;
    /** The model the user called: callbacks see it, it holds {@code stop_training}. */
    private final Model owner;

    Trainer(Functional model, Model owner) {
        this.model = model;
        this.owner = owner;
    }

    /** The trainer of a {@link Sequential} (built) or a {@link Functional}. */
    Trainer(Model m) {
        this(m instanceof Sequential s ? s.graph() : (Functional) m, m);
    }

    History fit(List<NDArray> xs, List<NDArray> ys, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (o.stepsPerEpoch() != null) {
            throw new IllegalArgumentException("fit: stepsPerEpoch is for fit over an Iterable or Iterator of batches; "
                    + "over arrays an epoch is every batch of the data");
        }
        ModelData d = ModelData.of(model, xs, ys, null, "fit");
        float[] sw = ModelData.sampleWeights(o.sampleWeight(), d.n(), "fit");
        if (o.classWeight() != null) {
            if (sw != null) throw new IllegalArgumentException("fit: class_weight and sample_weight cannot be used at the same time");
            if (d.ys().size() != 1) {
                throw new IllegalArgumentException("fit: class_weight is only supported for models of one output, "
                        + "as in Keras; this one has " + d.ys().size() + " " + model.outputNames());
            }
            sw = ModelData.classWeights(d.ys().get(0), d.yShapes().get(0), o.classWeight());
        }
        d = new ModelData(d.xs(), d.ys(), sw, d.n(), d.yShapes());
        ModelData val = validationData(o);
        ModelData train = d;
        if (val == null && o.validationSplit() > 0) {
            int nTrain = (int) Math.floor(d.n() * (1.0 - o.validationSplit()));
            if (nTrain < 1 || d.n() - nTrain < 1) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + nTrain
                        + " training and " + (d.n() - nTrain) + " validation samples out of " + d.n());
            }
            train = d.slice(0, nTrain);
            val = d.slice(nTrain, d.n());
        }
        model.ready();
        ArrayFeed feed = new ArrayFeed(train, Math.min(o.batchSize(), train.n()), o.shuffle());
        return FitLoop.run(model, owner, feed, o, d.yShapes(), val);
    }

    /**
     * {@code fit} over batches {@code {x, y}} or {@code {x, y, sampleWeight}} (one input, one
     * output). {@code first}: the batch already taken from {@code it} (the Sequential built itself
     * from it), or null to take it here.
     */
    History fit(Iterable<NDArray[]> source, Iterator<NDArray[]> it, NDArray[] first, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validation_split is only supported for arrays; pass validationData");
        }
        if (o.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: sample_weight is given per batch ({x, y, sampleWeight}) when fitting on batches");
        }
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException("fit: batches {x, y} feed models of one input and one output; this one has "
                    + model.inputs().size() + " inputs and " + model.outputs().size() + " outputs: fit it on lists of arrays");
        }
        if (first == null) {
            if (it == null) throw new IllegalArgumentException("fit: the iterator of batches is null");
            if (!it.hasNext()) throw new IllegalArgumentException("fit: the data yields no batch");
            first = it.next();
        }
        StreamFeed.check(model, first, null, null);
        ModelData val = validationData(o);
        model.ready();
        StreamFeed feed = new StreamFeed(model, source, it, first, o.stepsPerEpoch(), o.classWeight());
        return FitLoop.run(model, owner, feed, o, List.of(feed.yShape()), val);
    }

    /** {@code validationData} checked against the model, or null. */
    private ModelData validationData(FitOptions o) {
        if (o.validationX() == null) return null;
        return ModelData.of(model, List.of(o.validationX()), List.of(o.validationY()), o.validationSampleWeight(), "validation data");
    }

    /** Keras's {@code evaluate}: test hooks, a final progress line unless silent, the logs sorted by name. */
    Map<String, Double> evaluate(List<NDArray> xs, List<NDArray> ys, EvaluateOptions o) {
        if (o == null) throw new IllegalArgumentException("EvaluateOptions must not be null");
        requireCompiled("evaluate");
        ModelData d = ModelData.of(model, xs, ys, o.sampleWeight(), "evaluate");
        model.readyForInference();
        List<Callback> callbacks = callbacks(o.callbacks(), o.verbose(), (d.n() + o.batchSize() - 1) / o.batchSize());
        return TestLoop.test(model, d, o.batchSize(), callbacks);
    }

    /** Every output for {@code xs}: in chunks of 1,024 rows without options, else Keras's predict with its hooks. */
    List<NDArray> predict(List<NDArray> xs, PredictOptions o) {
        List<float[]> data = new ArrayList<>();
        int n = ModelData.inputs(model, xs, "predict", data);
        model.readyForInference();
        List<int[]> outShapes = model.outputShapes();
        List<float[]> outs = o == null ? TestLoop.predict(model, data, n, PREDICT_CHUNK, List.of())
                : TestLoop.predict(model, data, n, o.batchSize(),
                        n == 0 ? List.of() : callbacks(o.callbacks(), o.verbose(), (n + o.batchSize() - 1) / o.batchSize()));
        List<NDArray> result = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) result.add(NDArray.of(outs.get(i), ModelData.withRows(n, outShapes.get(i))));
        return result;
    }

    private List<Callback> callbacks(List<Callback> given, int verbose, int steps) {
        List<Callback> callbacks = new ArrayList<>(given);
        if (verbose > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", 1, "steps", steps, "verbose", verbose);
        for (Callback c : callbacks) {
            c.setModel(owner);
            c.setParams(params);
        }
        return callbacks;
    }

    /**
     * One optimisation step on rows {@code order[start .. start+rows)} of a one-input, one-output
     * model: gather the batch, forward, metrics, backward, update. Returns the batch loss (before
     * the update). Allocates nothing (the allocation tests call it).
     */
    float trainStep(Executable e, float[] xs, float[] ys, int xRow, int yRow, int[] order, int start, int rows,
                    List<Metric> metrics) {
        if (step == null || metricLists == null || metricLists.get(0) != metrics) {
            step = new TrainStep(model);
            metricLists = List.of(metrics);
        }
        K.gatherRows(xs, xRow, order, start, rows, e.x.data);
        K.gatherRows(ys, yRow, order, start, rows, e.y.data);
        return step.run(e, rows, metricLists);
    }

    private TrainStep step;
    private List<List<Metric>> metricLists;

    private void requireCompiled(String what) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("You must call compile() before " + what + "() on "
                    + owner.getClass().getSimpleName() + " '" + owner.name() + "'");
        }
    }
}
