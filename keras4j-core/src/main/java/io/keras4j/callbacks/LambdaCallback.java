package io.keras4j.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code keras.callbacks.LambdaCallback}: a callback made of functions, one per hook, each set
 * by the fluent setter of the hook's name; hooks not set do nothing.
 * <pre>{@code
 * new LambdaCallback()
 *     .onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")))
 *     .onTrainEnd(logs -> System.out.println("done"))
 * }</pre>
 */
public class LambdaCallback extends Callback {
    private Consumer<Map<String, Double>> trainBegin, trainEnd, testBegin, testEnd, predictBegin, predictEnd;
    private BiConsumer<Integer, Map<String, Double>> epochBegin, epochEnd, trainBatchBegin, trainBatchEnd,
            testBatchBegin, testBatchEnd, predictBatchBegin, predictBatchEnd;

    public LambdaCallback() {}

    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        epochBegin = f;
        return this;
    }

    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        epochEnd = f;
        return this;
    }

    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        trainBegin = f;
        return this;
    }

    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        trainEnd = f;
        return this;
    }

    public LambdaCallback onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        trainBatchBegin = f;
        return this;
    }

    public LambdaCallback onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        trainBatchEnd = f;
        return this;
    }

    public LambdaCallback onTestBegin(Consumer<Map<String, Double>> f) {
        testBegin = f;
        return this;
    }

    public LambdaCallback onTestEnd(Consumer<Map<String, Double>> f) {
        testEnd = f;
        return this;
    }

    public LambdaCallback onTestBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        testBatchBegin = f;
        return this;
    }

    public LambdaCallback onTestBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        testBatchEnd = f;
        return this;
    }

    public LambdaCallback onPredictBegin(Consumer<Map<String, Double>> f) {
        predictBegin = f;
        return this;
    }

    public LambdaCallback onPredictEnd(Consumer<Map<String, Double>> f) {
        predictEnd = f;
        return this;
    }

    public LambdaCallback onPredictBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        predictBatchBegin = f;
        return this;
    }

    public LambdaCallback onPredictBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        predictBatchEnd = f;
        return this;
    }

    private static void run(Consumer<Map<String, Double>> f, Map<String, Double> logs) {
        if (f != null) f.accept(logs);
    }

    private static void run(BiConsumer<Integer, Map<String, Double>> f, int i, Map<String, Double> logs) {
        if (f != null) f.accept(i, logs);
    }

    @Override public void onTrainBegin(Map<String, Double> logs) { run(trainBegin, logs); }

    @Override public void onTrainEnd(Map<String, Double> logs) { run(trainEnd, logs); }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { run(epochBegin, epoch, logs); }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { run(epochEnd, epoch, logs); }

    @Override public void onTrainBatchBegin(int batch, Map<String, Double> logs) { run(trainBatchBegin, batch, logs); }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { run(trainBatchEnd, batch, logs); }

    @Override public void onTestBegin(Map<String, Double> logs) { run(testBegin, logs); }

    @Override public void onTestEnd(Map<String, Double> logs) { run(testEnd, logs); }

    @Override public void onTestBatchBegin(int batch, Map<String, Double> logs) { run(testBatchBegin, batch, logs); }

    @Override public void onTestBatchEnd(int batch, Map<String, Double> logs) { run(testBatchEnd, batch, logs); }

    @Override public void onPredictBegin(Map<String, Double> logs) { run(predictBegin, logs); }

    @Override public void onPredictEnd(Map<String, Double> logs) { run(predictEnd, logs); }

    @Override public void onPredictBatchBegin(int batch, Map<String, Double> logs) { run(predictBatchBegin, batch, logs); }

    @Override public void onPredictBatchEnd(int batch, Map<String, Double> logs) { run(predictBatchEnd, batch, logs); }
}
