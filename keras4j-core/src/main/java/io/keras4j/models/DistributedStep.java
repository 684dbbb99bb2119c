package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distributed-training hook: the two halves of one {@code fit} step, split so that a cluster
 * can run the first half on many workers and the second once. Used by {@code keras4j-spark}; not
 * meant for end users, who call {@code fit}.
 *
 * <p>Synchronous data parallelism with it reproduces {@code fit}: for a global batch of
 * {@code B} rows cut into slices, each worker calls {@link #gradientSum} on its slice at the same
 * weights; the driver adds the slices' sums, divides by {@code B} and calls {@link #applyGradient}
 * once. Since the loss is the mean over the batch ({@code sum_over_batch_size}),
 * {@code sum_slices(rows_s * grad(mean loss of slice s)) / B} is the gradient of the batch's mean
 * loss, and the step runs the same {@code Optimizer.apply} as {@code fit}, so slots, iterations and
 * the learning-rate decay advance exactly as there. With sample weights (Keras's
 * {@code sample_weight}, or class weights mapped to samples) each slice passes its rows' weights:
 * the loss is then {@code sum(w * loss) / rows}, the divisor unchanged, as in {@code fit}.
 *
 * <p>Weights travel as the flat arena of trained weights ({@link #getWeights}, {@link #setWeights}),
 * in the model's variable order: two models of the same architecture share the layout.
 */
public final class DistributedStep {
    /** The graph that trains (a Sequential's own graph, or the functional model itself). */
    private final Functional model;
    private final int[] yRowShape;
    private final int capacity;
    private final List<Metric> metrics = new ArrayList<>();

    /**
     * @param model        a compiled {@link Sequential} (built here for {@code featureShape} if not
     *                     yet) or a compiled functional model of one input and one output
     * @param featureShape the input shape of one sample (without batch)
     * @param yRowShape    the target shape of one sample (without batch): {@code ()} or {@code (1)}
     *                     for class ids, else the predictions' shape
     * @param capacity     the most rows one call of the plan holds (the global batch size); longer
     *                     slices run in chunks
     */
    public DistributedStep(Model model, int[] featureShape, int[] yRowShape, int capacity) {
        Functional g;
        if (model instanceof Sequential s) {
            if (!s.isCompiled()) {
                throw new IllegalStateException("You must call compile() before fit() on Sequential '" + s.name() + "'");
            }
            s.ensureBuilt(featureShape);
            g = s.graph();
        } else if (model instanceof Functional f) {
            if (!f.isCompiled()) {
                throw new IllegalStateException("You must call compile() before fit() on Functional '" + f.name() + "'");
            }
            if (f.inputs().size() != 1 || f.outputs().size() != 1) {
                throw new IllegalArgumentException("distributed training supports models of one input and one output, got "
                        + f.inputs().size() + " and " + f.outputs().size());
            }
            if (!Arrays.equals(f.inputShapes().get(0), featureShape)) {
                throw new IllegalArgumentException("Functional '" + f.name() + "': expected input shape "
                        + NDArray.shapeString(Layer.withBatch(f.inputShapes().get(0))) + ", got "
                        + NDArray.shapeString(Layer.withBatch(featureShape)));
            }
            f.ready();
            g = f;
        } else {
            throw new IllegalArgumentException("distributed training supports Sequential and functional models, got " + model);
        }
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.model = g;
        this.capacity = capacity;
        this.yRowShape = yRowShape.clone();
        int[] out = g.outputShapes().get(0);
        int c = out[out.length - 1], predRow = 1, yRow = 1;
        for (int d : out) predRow *= d;
        for (int d : yRowShape) yRow *= d;
        Loss loss = g.losses().get(0);
        int tw = loss.targetWidth(c);
        if (yRow * c != predRow * tw) {
            throw new IllegalArgumentException("fit: " + loss.name() + " cannot take targets of shape "
                    + NDArray.shapeString(Layer.withBatch(yRowShape)) + " for predictions of shape "
                    + NDArray.shapeString(Layer.withBatch(out)));
        }
        int[] predShape = Layer.withBatch(out), yShape = Layer.withBatch(yRowShape);
        for (String name : g.metricNames()) metrics.add(Metrics.get(name, yShape, predShape));
    }

    /** The loss a compiled {@link Sequential} was compiled with (to rebuild it elsewhere), or null. */
    public static Loss lossOf(Model model) {
        return model instanceof Sequential s ? s.loss() : null;
    }

    /** The metric names a {@link Sequential} was compiled with (empty for other models). */
    public static List<String> metricNamesOf(Model model) {
        return model instanceof Sequential s ? s.metricNames() : List.of();
    }

    /** The output shape of a built {@link Sequential} without the batch, or null while it is not built. */
    public static int[] outputShapeOf(Model model) {
        return model instanceof Sequential s && s.isBuilt() ? s.outputShape(s.layers().size()) : null;
    }

    /** The number of trained scalars: the length of the weight and gradient arrays. */
    public int size() {
        return model.weightArena().size();
    }

    /** Values per sample of the input. */
    public int featureSize() {
        int n = 1;
        for (int d : model.inputShapes().get(0)) n *= d;
        return n;
    }

    /** Values per sample of the targets. */
    public int targetSize() {
        int n = 1;
        for (int d : yRowShape) n *= d;
        return n;
    }

    /** The names of the compiled metrics, in the order of the sums {@link #gradientSum} adds. */
    public List<String> metricNames() {
        return model.metricNames();
    }

    /** A copy of the trained weights as one flat array (the model's parameter arena). */
    public float[] getWeights() {
        return model.weightArena().params().clone();
    }

    /** Overwrites the trained weights with {@code w}, laid out as {@link #getWeights}. */
    public void setWeights(float[] w) {
        Weights arena = model.weightArena();
        if (w.length != arena.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + arena.size() + " trained values, got " + w.length);
        }
        System.arraycopy(w, 0, arena.params(), 0, w.length);
        arena.changed();
    }

    /**
     * Checks a slice's targets as {@code fit} does (finite; class ids in range). Throws
     * IllegalArgumentException naming the bad value.
     */
    public void validateTargets(float[] y) {
        int[] out = model.outputShapes().get(0);
        model.losses().get(0).validateTargets(y, out[out.length - 1]);
    }

    /**
     * Forward and backward over {@code rows} samples at the current weights, without any update:
     * adds the sum over those samples of the loss gradient to {@code gradSum} (length {@link #size()}),
     * each metric's sum over the samples to {@code metricSums} (one per {@link #metricNames()}
     * entry), and returns the sum of the per-sample losses.
     *
     * @param x {@code rows * featureSize()} values, row-major; {@code y}: {@code rows * targetSize()}
     */
    public double gradientSum(float[] x, float[] y, int rows, double[] gradSum, double[] metricSums) {
        return run(x, y, null, rows, gradSum, metricSums);
    }

    /**
     * {@link #gradientSum(float[], float[], int, double[], double[])} with each sample's loss
     * weighted by {@code sampleWeight[i]} (null: unweighted); the metrics stay unweighted, as Keras's
     * compiled {@code metrics}.
     */
    public double gradientSum(float[] x, float[] y, float[] sampleWeight, int rows, double[] gradSum, double[] metricSums) {
        return run(x, y, sampleWeight, rows, gradSum, metricSums);
    }

    /** {@link #gradientSum} without the gradient: the loss sum and the metric sums, for validation. */
    public double lossSum(float[] x, float[] y, int rows, double[] metricSums) {
        return run(x, y, null, rows, null, metricSums);
    }

    /** {@link #lossSum(float[], float[], int, double[])} with sample weights (null: unweighted). */
    public double lossSum(float[] x, float[] y, float[] sampleWeight, int rows, double[] metricSums) {
        return run(x, y, sampleWeight, rows, null, metricSums);
    }

    private double run(float[] x, float[] y, float[] sw, int rows, double[] gradSum, double[] metricSums) {
        int xRow = featureSize(), yRow = targetSize();
        if (x.length < rows * xRow || y.length < rows * yRow) {
            throw new IllegalArgumentException(rows + " rows need " + rows * xRow + " feature and " + rows * yRow
                    + " target values, got " + x.length + " and " + y.length);
        }
        if (gradSum != null && gradSum.length != size()) {
            throw new IllegalArgumentException("gradSum has length " + gradSum.length + ", the model " + size());
        }
        if (sw != null && sw.length < rows) throw new IllegalArgumentException(rows + " rows need " + rows + " sample weights, got " + sw.length);
        // the training plan for gradients; a pooled inference plan (the model's inference is thread-safe) for losses
        boolean train = gradSum != null;
        Executable e = train ? model.trainExecutable(capacity, List.of(yRowShape))
                : model.acquire(Executable.Mode.EVAL, capacity, List.of(yRowShape));
        try {
            return run(e, x, y, sw, rows, gradSum, metricSums, xRow, yRow);
        } finally {
            if (!train) model.release(e);
        }
    }

    private double run(Executable e, float[] x, float[] y, float[] sw, int rows, double[] gradSum, double[] metricSums,
                       int xRow, int yRow) {
        e.weighted(sw != null);
        Weights w = model.weightArena();
        double loss = 0;
        for (int start = 0; start < rows; start += capacity) {
            int n = Math.min(capacity, rows - start);
            System.arraycopy(x, start * xRow, e.x.data, 0, n * xRow);
            System.arraycopy(y, start * yRow, e.y.data, 0, n * yRow);
            if (sw != null) System.arraycopy(sw, start, e.sw.data, 0, n);
            e.plan.forward(n);
            loss += (double) e.loss.data[e.loss.off] * n;
            for (int i = 0; i < metrics.size(); i++) {
                Metric m = metrics.get(i);
                m.reset();
                int r = n * e.predRow() / e.classes();
                m.update(e.y.data, 0, e.pred.data, e.pred.off, r, e.classes());
                metricSums[i] += m.result() * r;
            }
            if (gradSum != null) {
                w.zeroGrads(e.plan);
                e.plan.backward(n, e.loss);
                float[] g = w.grads();
                for (int j = 0; j < g.length; j++) gradSum[j] += (double) g[j] * n;
            }
        }
        return loss;
    }

    /**
     * Rows the metric sums of {@link #gradientSum} count for {@code samples} samples (more than
     * one per sample when the predictions have a time axis): divide the sums by this.
     */
    public long metricRows(long samples) {
        int[] out = model.outputShapes().get(0);
        int per = 1;
        for (int i = 0; i < out.length - 1; i++) per *= out[i];
        return samples * per;
    }

    /**
     * One optimizer step from the batch's mean gradient: the same {@code Optimizer.apply} as
     * {@code fit}, so the optimizer's slots, iterations and decay advance as in {@code fit}.
     */
    public void applyGradient(float[] meanGrad) {
        Weights w = model.weightArena();
        if (meanGrad.length != w.size()) {
            throw new IllegalArgumentException("applyGradient: the model has " + w.size() + " trained values, got " + meanGrad.length);
        }
        System.arraycopy(meanGrad, 0, w.grads(), 0, meanGrad.length);
        model.optimizer().apply(w.params(), w.grads());
        w.changed();
    }

    @Override
    public String toString() {
        return "DistributedStep(" + model.name() + ", " + size() + " weights, capacity " + capacity + ", y "
                + Arrays.toString(yRowShape) + ")";
    }
}
