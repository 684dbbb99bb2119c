package io.keras4j.spark;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.Rng;
import io.keras4j.models.DistributedStep;
import io.keras4j.models.EvaluateOptions;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code "synchronous"} mode: each optimizer step is one global batch of the DataFrame's rows in
 * order (partition order, then row order; with shuffling a permutation of the global row indices
 * drawn from keras4j's generator, as {@code fit} draws it). Per step: the weights go out by
 * broadcast, every partition adds the gradient sum of its rows of the batch ({@link
 * DistributedStep#gradientSum}), {@code treeAggregate} brings the sums to the driver, and the
 * driver applies one optimizer step to the user's model with their mean. The update happens only
 * after every partition's part arrived, so a task Spark retries never counts twice.
 */
final class SynchronousFit {
    /** Test hook (local mode only): called in each step task with (step, partition, attempt); may throw. */
    static volatile FaultInjector faults;

    interface FaultInjector {
        void check(long step, int partition, int attempt);
    }

    private SynchronousFit() {}

    static History fit(JavaSparkContext jsc, Model model, JavaRDD<Block> blocks, long[] offsets, long n,
                       ModelSpec spec, int[] yRowShape, FitOptions o) {
        long nTrain = n;
        if (o.validationX() == null && o.validationSplit() > 0) {
            nTrain = (long) Math.floor(n * (1.0 - o.validationSplit()));
            if (nTrain < 1 || nTrain == n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + nTrain
                        + " training and " + (n - nTrain) + " validation samples out of " + n);
            }
        }
        if (nTrain > Integer.MAX_VALUE) throw new IllegalArgumentException("synchronous mode takes at most 2^31-1 rows, got " + nTrain);
        int batch = (int) Math.min(o.batchSize(), nTrain);
        int steps = (int) ((nTrain + batch - 1) / batch);
        DistributedStep driver = new DistributedStep(model, spec.inputShape, yRowShape, batch);
        List<String> metricNames = driver.metricNames();
        Broadcast<ModelSpec> specB = jsc.broadcast(spec);
        String key = spec.id + "/train";

        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        // verbose 2: one progress line per epoch (a bar redrawn per step means little at a job per step)
        Map<String, Object> params = Map.of("epochs", o.epochs(), "steps", steps, "verbose", o.verbose() > 0 ? 2 : 0);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        boolean batchHooks = !o.callbacks().isEmpty();
        model.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        int[] order = o.shuffle() ? new int[(int) nTrain] : null;
        if (order != null) for (int i = 0; i < order.length; i++) order[i] = i;
        long globalStep = 0;
        try {
            for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
                for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
                Broadcast<int[]> orderB = null;
                if (order != null) {
                    Rng.shuffle(order, order.length); // fit's own draw, of last epoch's order: same seed, same batches
                    orderB = jsc.broadcast(order);
                }
                double lossSum = 0;
                double[] metricSums = new double[metricNames.size()];
                long seen = 0;
                for (int s = 0; s < steps; s++, globalStep++) {
                    if (batchHooks) for (Callback c : callbacks) c.onTrainBatchBegin(s, Map.of());
                    long start = (long) s * batch;
                    int rows = (int) Math.min(batch, nTrain - start);
                    Partial p = step(blocks, specB, key, ship(jsc, driver.getWeights()), orderB, offsets,
                            start, rows, yRowShape, batch, metricNames.size(), true, globalStep);
                    if (p.rows != rows) throw new IllegalStateException("step " + s + ": " + p.rows + " rows arrived, expected " + rows);
                    float[] mean = new float[p.grad.length];
                    for (int j = 0; j < mean.length; j++) mean[j] = (float) ((double) p.grad[j] / rows);
                    driver.applyGradient(mean);
                    lossSum += p.loss;
                    for (int i = 0; i < metricSums.length; i++) metricSums[i] += p.metrics[i];
                    seen += rows;
                    if (batchHooks) {
                        Map<String, Double> logs = logs(lossSum / seen, metricNames, metricSums, driver.metricRows(seen));
                        for (Callback c : callbacks) c.onTrainBatchEnd(s, logs);
                    }
                    if (model.isStopTraining()) break;
                }
                if (orderB != null) orderB.destroy();
                Map<String, Double> logs = new LinkedHashMap<>(new TreeMap<>(
                        logs(lossSum / seen, metricNames, metricSums, driver.metricRows(seen))));
                if ((epoch + 1) % o.validationFreq() == 0) validate(o, model, blocks, specB, key, driver, offsets, nTrain, n,
                        yRowShape, batch, metricNames, logs);
                for (Callback c : callbacks) c.onEpochEnd(epoch, logs);
                trainingLogs = logs;
                if (model.isStopTraining()) break;
            }
        } finally {
            specB.destroy();
            Workers.forget(spec.id);
        }
        for (Callback c : callbacks) c.onTrainEnd(trainingLogs);
        return history;
    }

    /** Validation: {@code validationData} on the driver (as {@code fit}), or the split's rows on the cluster. */
    private static void validate(FitOptions o, Model model, JavaRDD<Block> blocks, Broadcast<ModelSpec> specB, String key,
                                 DistributedStep driver, long[] offsets, long nTrain, long n, int[] yRowShape, int batch,
                                 List<String> metricNames, Map<String, Double> logs) {
        int vb = o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
        if (o.validationX() != null) {
            EvaluateOptions eo = new EvaluateOptions().batchSize(vb).verbose(0);
            if (o.validationSampleWeight() != null) eo.sampleWeight(o.validationSampleWeight());
            Map<String, Double> v = model.evaluate(o.validationX(), o.validationY(), eo);
            for (Map.Entry<String, Double> e : v.entrySet()) logs.put("val_" + e.getKey(), e.getValue());
        } else if (nTrain < n) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
            Partial p = step(blocks, specB, key, ship(jsc, driver.getWeights()), null, offsets, nTrain, (int) (n - nTrain),
                    yRowShape, batch, metricNames.size(), false, -1);
            Map<String, Double> v = new TreeMap<>(logs(p.loss / p.rows, metricNames, p.metrics, driver.metricRows(p.rows)));
            for (Map.Entry<String, Double> e : v.entrySet()) logs.put("val_" + e.getKey(), e.getValue());
        }
    }

    /**
     * One job: the sums of every partition over global rows {@code [start, start+rows)} (of
     * {@code order} when shuffled) at weights {@code w}, with gradients when {@code train}.
     */
    private static Partial step(JavaRDD<Block> blocks, Broadcast<ModelSpec> specB, String key, Shipped w,
                                Broadcast<int[]> order, long[] offsets, long start, int rows, int[] yRowShape, int batch,
                                int nMetrics, boolean train, long globalStep) {
        try {
            return blocks.treeAggregate(new Partial(), (acc, b) -> {
                FaultInjector f = faults;
                if (f != null && train) f.check(globalStep, b.partition, TaskContext.get().attemptNumber());
                int[] local = localRows(b, offsets[b.partition], order == null ? null : order.value(), start, rows);
                int k = local.length;
                if (k == 0) return acc;
                float[][] xy = b.gather(local, k);
                DistributedStep d = Workers.borrow(key, () -> specB.value().newStep(yRowShape, batch));
                try {
                    d.setWeights(w.value());
                    d.validateTargets(xy[1]);
                    Partial p = new Partial();
                    p.metrics = new double[nMetrics];
                    if (train) {
                        double[] g = new double[d.size()];
                        p.loss = d.gradientSum(xy[0], xy[1], xy[2], k, g, p.metrics);
                        p.grad = new float[g.length]; // summed in double, shipped in float: half the bytes
                        for (int j = 0; j < g.length; j++) p.grad[j] = (float) g[j];
                    } else {
                        p.loss = d.lossSum(xy[0], xy[1], xy[2], k, p.metrics);
                    }
                    p.rows = k;
                    return acc.add(p);
                } finally {
                    Workers.giveBack(key, d);
                }
            }, Partial::add, 2);
        } finally {
            w.destroy();
        }
    }

    /**
     * Weights up to {@link #INLINE_BYTES} travel inside each task (no broadcast to create and
     * destroy per step: half the overhead of a step in local mode); larger ones by broadcast.
     */
    static final int INLINE_BYTES = 1 << 19;

    /** The step's weights, inline or broadcast. */
    static final class Shipped implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final float[] inline;
        private final Broadcast<float[]> broadcast;

        Shipped(float[] inline, Broadcast<float[]> broadcast) {
            this.inline = inline;
            this.broadcast = broadcast;
        }

        float[] value() {
            return inline != null ? inline : broadcast.value();
        }

        void destroy() {
            if (broadcast != null) broadcast.destroy();
        }
    }

    private static Shipped ship(JavaSparkContext jsc, float[] w) {
        return 4L * w.length <= INLINE_BYTES ? new Shipped(w, null) : new Shipped(null, jsc.broadcast(w));
    }

    /** The local indices of block {@code b}'s rows among global rows {@code start..start+rows} (of {@code order}). */
    private static int[] localRows(Block b, long offset, int[] order, long start, int rows) {
        if (order == null) {
            long lo = Math.max(start, offset), hi = Math.min(start + rows, offset + b.n);
            if (hi <= lo) return new int[0];
            int[] local = new int[(int) (hi - lo)];
            for (int i = 0; i < local.length; i++) local[i] = (int) (lo - offset) + i;
            return local;
        }
        int[] local = new int[rows];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            long g = order[(int) start + i];
            if (g >= offset && g < offset + b.n) local[k++] = (int) (g - offset);
        }
        return java.util.Arrays.copyOf(local, k);
    }

    private static Map<String, Double> logs(double loss, List<String> names, double[] sums, long metricRows) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), metricRows == 0 ? 0.0 : sums[i] / metricRows);
        return m;
    }

}
