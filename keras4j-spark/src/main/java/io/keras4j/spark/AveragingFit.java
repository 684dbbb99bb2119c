package io.keras4j.spark;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.Rng;
import io.keras4j.models.EvaluateOptions;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code "averaging"} mode, dl4j-spark's parameter averaging: in each round every partition
 * trains its copy on its next {@code averagingFrequency * batchSize} rows with the model's own
 * {@code fit} loop (one optimizer step per batch), starting from the driver's weights and
 * optimizer state; the driver then sets its model to the mean of the partitions' weights and
 * optimizer variables, each weighing the rows it trained in the round (FedAvg's weighting; equal
 * partitions weigh the same), {@code iterations}: the most steps any copy reached. One Spark job per round,
 * far fewer than synchronous mode's one per batch; the math is not {@code fit}'s, as with any
 * local-SGD scheme. An epoch is as many rounds as the largest partition needs; with shuffling
 * each partition permutes its own rows every epoch (seeded from keras4j's generator).
 * Validation: {@code validationData} only, evaluated on the driver.
 *
 * <p>Accuracy: over {@code K} partitions an epoch is {@code 1/K} of {@code fit}'s optimizer steps,
 * each an average of {@code K} copies' (about {@code fit} at batch {@code K * batchSize}). On
 * Keras's MNIST MLP (mnist-10k, 15 epochs, batch 128, 2 partitions, local[2]) that costs nothing
 * measurable: averaging every 1, 5 and 20 steps gave 0.9535, 0.9515-0.9560 and 0.9555 test accuracy,
 * one machine's {@code fit} 0.9550 (batch 128) and 0.9540 (batch 256); with this class as it is,
 * every 5 steps, 0.9545 on local[2] and 0.9515 on {@code scripts/cluster-test.sh}'s two workers.
 * (Last session's 0.9395 was a 784-128-10 MLP, which {@code fit} itself takes only to 0.9475.)
 */
final class AveragingFit {
    private AveragingFit() {}

    /**
     * What the partitions of a round send back, summed by {@code treeReduce}: the weights and
     * optimizer variables each multiplied by the rows the partition trained (the driver divides by
     * the rows: a mean weighted as FedAvg's), in float, half the bytes of double on the wire (the
     * model is several MB); the loss and metric sums.
     */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 2L;
        float[] weights;
        float[][] slots;
        long iterations, rows;
        double loss;
        double[] metrics;
        int parts;

        Sums add(Sums o) {
            if (o.parts == 0) return this;
            if (parts == 0) return o;
            for (int i = 0; i < weights.length; i++) weights[i] += o.weights[i];
            for (int s = 0; s < slots.length; s++) for (int i = 0; i < slots[s].length; i++) slots[s][i] += o.slots[s][i];
            for (int i = 0; i < metrics.length; i++) metrics[i] += o.metrics[i];
            iterations = Math.max(iterations, o.iterations);
            rows += o.rows;
            loss += o.loss;
            parts += o.parts;
            return this;
        }
    }

    static History fit(JavaSparkContext jsc, Model model, JavaRDD<Block> blocks, List<Integer> counts, ModelSpec spec,
                       int[] yRowShape, FitOptions o, int frequency) {
        if (o.validationSplit() > 0 && o.validationX() == null) {
            throw new IllegalArgumentException("SparkModel.fit: averaging mode takes validationData, not validationSplit");
        }
        Sequential driver = (Sequential) model;
        int batch = o.batchSize();
        long perRound = (long) frequency * batch;
        int maxRows = 0;
        for (int c : counts) maxRows = Math.max(maxRows, c);
        int rounds = (int) ((maxRows + perRound - 1) / perRound);
        List<String> metricNames = io.keras4j.models.DistributedStep.metricNamesOf(model);
        spec.optimizer = OptimizerState.config(model.getOptimizer());
        Broadcast<ModelSpec> specB = jsc.broadcast(spec);
        String key = spec.id + "/average";

        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", o.epochs(), "steps", rounds, "verbose", o.verbose() > 0 ? 2 : 0);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        model.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        try {
            for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
                for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
                long epochSeed = o.shuffle() ? (long) (Rng.nextDouble() * Long.MAX_VALUE) : 0;
                boolean shuffle = o.shuffle();
                double lossSum = 0;
                double[] metricSums = new double[metricNames.size()];
                long seen = 0;
                for (int r = 0; r < rounds; r++) {
                    List<NDArray> w = model.getWeights();
                    float[][] ws = new float[w.size()][];
                    for (int i = 0; i < ws.length; i++) ws[i] = w.get(i).toFloatArray();
                    Broadcast<float[][]> wB = jsc.broadcast(ws);
                    Broadcast<OptimizerState> optB = jsc.broadcast(OptimizerState.of(model.getOptimizer()));
                    long from = r * perRound;
                    int nMetrics = metricNames.size();
                    Sums s;
                    try {
                        s = blocks.map(b -> round(b, specB, key, wB, optB, from, perRound, shuffle, epochSeed, yRowShape, batch, nMetrics))
                                .treeReduce(Sums::add, 2);
                    } finally {
                        wB.destroy();
                        optB.destroy();
                    }
                    if (s.parts == 0) continue;
                    List<NDArray> avg = new ArrayList<>();
                    int off = 0;
                    for (NDArray a : w) {
                        float[] v = new float[a.toFloatArray().length];
                        for (int i = 0; i < v.length; i++) v[i] = (float) ((double) s.weights[off + i] / s.rows);
                        off += v.length;
                        avg.add(NDArray.of(v, a.shape()));
                    }
                    driver.setWeights(avg);
                    OptimizerState st = OptimizerState.of(model.getOptimizer());
                    float[][] slots = st.variables();
                    for (int k = 0; k < slots.length; k++) for (int i = 0; i < slots[k].length; i++) slots[k][i] = (float) ((double) s.slots[k][i] / s.rows);
                    st.iterations(s.iterations);
                    st.applyTo(model.getOptimizer());
                    lossSum += s.loss;
                    for (int i = 0; i < metricSums.length; i++) metricSums[i] += s.metrics[i];
                    seen += s.rows;
                    if (!o.callbacks().isEmpty()) {
                        Map<String, Double> logs = logs(lossSum / seen, metricNames, metricSums, seen);
                        for (Callback c : callbacks) c.onTrainBatchEnd(r, logs);
                    }
                    if (model.isStopTraining()) break;
                }
                Map<String, Double> logs = new LinkedHashMap<>(new TreeMap<>(logs(lossSum / seen, metricNames, metricSums, seen)));
                if (o.validationX() != null && (epoch + 1) % o.validationFreq() == 0) {
                    int vb = o.validationBatchSize() != null ? o.validationBatchSize() : batch;
                    EvaluateOptions eo = new EvaluateOptions().batchSize(vb).verbose(0);
                    if (o.validationSampleWeight() != null) eo.sampleWeight(o.validationSampleWeight());
                    Map<String, Double> v = model.evaluate(o.validationX(), o.validationY(), eo);
                    for (Map.Entry<String, Double> e : v.entrySet()) logs.put("val_" + e.getKey(), e.getValue());
                }
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

    /** One partition's round: fit its copy on its rows {@code [from, from+count)} (of its epoch order). */
    private static Sums round(Block b, Broadcast<ModelSpec> specB, String key, Broadcast<float[][]> wB,
                              Broadcast<OptimizerState> optB, long from, long count, boolean shuffle, long epochSeed,
                              int[] yRowShape, int batch, int nMetrics) {
        Sums s = new Sums();
        if (from >= b.n) return s;
        int k = (int) Math.min(count, b.n - from);
        int[] order = new int[b.n];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) {
            Random rnd = new Random(epochSeed ^ (0x9E3779B97F4A7C15L * (b.partition + 1)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] local = java.util.Arrays.copyOfRange(order, (int) from, (int) from + k);
        float[][] xy = b.gather(local, k);
        ModelSpec spec = specB.value();
        Sequential copy = Workers.borrow(key, spec::newModel);
        try {
            float[][] ws = wB.value();
            List<NDArray> w = copy.getWeights();
            List<NDArray> set = new ArrayList<>();
            for (int i = 0; i < ws.length; i++) set.add(NDArray.of(ws[i], w.get(i).shape()));
            copy.setWeights(set);
            optB.value().applyTo(copy.getOptimizer());
            FitOptions fo = new FitOptions().epochs(1).batchSize(batch).shuffle(false).verbose(0);
            if (xy[2] != null) fo.sampleWeight(NDArray.of(xy[2], k));
            History h = copy.fit(NDArray.of(xy[0], withRows(k, spec.inputShape)), NDArray.of(xy[1], withRows(k, yRowShape)), fo);
            s.parts = 1;
            s.rows = k;
            s.loss = h.history().get("loss").get(0) * k;
            s.metrics = new double[nMetrics];
            List<String> names = io.keras4j.models.DistributedStep.metricNamesOf(copy);
            for (int i = 0; i < nMetrics; i++) s.metrics[i] = h.history().get(names.get(i)).get(0) * k;
            List<NDArray> after = copy.getWeights();
            int total = 0;
            for (NDArray a : after) total += a.toFloatArray().length;
            s.weights = new float[total];
            int off = 0;
            for (NDArray a : after) {
                float[] v = a.toFloatArray();
                for (int i = 0; i < v.length; i++) s.weights[off + i] = v[i] * k;
                off += v.length;
            }
            OptimizerState st = OptimizerState.of(copy.getOptimizer());
            float[][] slots = st.variables(); // a fresh copy: scaled in place
            for (float[] slot : slots) for (int i = 0; i < slot.length; i++) slot[i] *= k;
            s.slots = slots;
            s.iterations = st.iterations();
            return s;
        } finally {
            Workers.giveBack(key, copy);
        }
    }

    private static int[] withRows(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static Map<String, Double> logs(double loss, List<String> names, double[] sums, long rows) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), sums[i] / rows);
        return m;
    }
}
