package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metric;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.Model}: the base of {@link Sequential} and of functional models ({@link Functional}; a
 * Sequential runs the functional graph it builds, so both train with the one loop of {@code Trainer}).
 * Everything a trained model offers: compile, fit, evaluate, predict, weights and summary.
 *
 * <h2>Threads</h2>
 * <ul>
 * <li>{@link #predict}, {@link #predictAll} and {@link #evaluate} may be called from any number of
 * threads at once on one model, and each call returns, bit for bit, what it returns alone. There
 * is no lock on that path: each concurrent call takes an inference plan (activation buffers and
 * per-op caches) of its own from a pool (plans are pooled by batch capacity, rounded up to a power
 * of two; each capacity keeps at most {@code max(8, 2 x cores)} idle plans; the others are freed),
 * and kernels too large for one thread use the shared kernel thread pool when it is free, and
 * otherwise run on the caller's thread, so callers never wait for one another's kernels.</li>
 * <li>{@link #fit} has one caller at a time. A {@code predict} or {@code evaluate} running beside
 * it (or beside {@link #setWeights}) sees, for each batch of up to 1,024 rows (32 for
 * {@code evaluate}), the weights as they were before or after one whole optimizer step, never a
 * mix: the update holds the write lock of a {@link java.util.concurrent.locks.StampedLock};
 * inference reads the weights optimistically, without taking it, and runs that batch again under
 * the read lock only when an update overlapped it. The cost to training is one uncontended write
 * lock and unlock per step: about 7 ns, against 6.4 ms for the MNIST MLP's step (784-512-512-10,
 * Adam, batch 128, two cores); paired runs in one JVM with a second lock pair per step differ by
 * less than their noise ({@code WeightLockCost} in the tests).</li>
 * <li>Building the model, {@code compile}, {@code add} and {@code summary} are not meant to run
 * concurrently with other calls.</li>
 * </ul>
 *
 * <h2>Reproducibility</h2>
 * After {@code Utils.setRandomSeed(s)}, building and training the same model on the same data
 * gives bit-identical weights and {@code History} on every run, in one JVM or in several, with
 * any kernel thread count ({@code -Dkeras4j.threads}): the kernels split their work between
 * threads by whole outputs (GEMM row slivers or column panels, optimizer updates by element),
 * never inside a sum, so no result depends on the split, and a kernel that finds the thread pool
 * busy runs the same computation on its caller's thread. Not guaranteed: the same bits across
 * kernel implementations or vector widths. The scalar reference kernels and the vector kernels
 * differ in the last bits (the vector GEMM fuses multiply and add, and sums in a different
 * order), and so do 256-bit and 512-bit vectors; each is reproducible on its own
 * ({@code ReproducibilityTest}).
 */
public abstract class Model {

    /** {@code keras.Model(inputs=input, outputs=output)}: a functional model of one input and one output. */
    public static Functional of(io.keras4j.KerasTensor input, io.keras4j.KerasTensor output) {
        return new Functional(java.util.Arrays.asList(input), java.util.Arrays.asList(output));
    }

    /**
     * {@code keras.Model(inputs=[...], outputs=[...])}: a functional model of any directed acyclic
     * graph of layers between these inputs ({@code Keras.input}) and outputs. Fails here, with the
     * tensors named, when an output needs an input that is not listed or cannot be reached.
     */
    public static Functional of(List<io.keras4j.KerasTensor> inputs, List<io.keras4j.KerasTensor> outputs) {
        return new Functional(inputs, outputs);
    }

    /** Keras's {@code compile(optimizer, loss=[one per output], metrics=[...])}. */
    public void compile(Optimizer optimizer, List<String> lossPerOutput, String... metrics) {
        compile(optimizer, lossPerOutput, null, metrics);
    }

    /** {@link #compile(Optimizer, List, String...)} with Keras's {@code loss_weights} (null: all 1). */
    public void compile(Optimizer optimizer, List<String> lossPerOutput, List<Double> lossWeights, String... metrics) {
        if (lossPerOutput == null || lossPerOutput.size() != 1 || lossWeights != null && !lossWeights.equals(List.of(1.0))) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name() + "' has one output: give one loss");
        }
        compile(optimizer, lossPerOutput.get(0), metrics);
    }

    /** Trains a model of several inputs or outputs: one array per input in {@code xs}, one per output in {@code ys}. */
    public History fit(List<NDArray> xs, List<NDArray> ys, FitOptions options) {
        if (xs == null || ys == null || xs.size() != 1 || ys.size() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name() + "' takes one input and one target array");
        }
        return fit(xs.get(0), ys.get(0), options);
    }

    /** Loss and metrics of a model of several inputs or outputs (one array per input, one per output). */
    public Map<String, Double> evaluate(List<NDArray> xs, List<NDArray> ys) {
        if (xs == null || ys == null || xs.size() != 1 || ys.size() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name() + "' takes one input and one target array");
        }
        return evaluate(xs.get(0), ys.get(0));
    }

    /** The model's name ({@code "sequential"}, {@code "sequential_1"}, ...). */
    public abstract String name();

    /** Configures training. {@code metrics} are Keras metric strings such as {@code "accuracy"}. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /**
     * Configures training with a loss object, for options a string cannot carry:
     * {@code compile(new Adam(), new SparseCategoricalCrossentropy(true), "accuracy")}.
     */
    public abstract void compile(Optimizer optimizer, Loss loss, String... metrics);

    /**
     * Configures training with metric objects, logged under their names:
     * {@code compile(new Adam(), "binary_crossentropy", new Precision(), new AUC().curve("PR"))}.
     */
    public void compile(Optimizer optimizer, String loss, Metric metric, Metric... more) {
        compile(optimizer, Losses.get(loss), metric, more);
    }

    /** {@link #compile(Optimizer, String, Metric, Metric...)} with an optimizer by name. */
    public void compile(String optimizer, String loss, Metric metric, Metric... more) {
        compile(Optimizers.get(optimizer), loss, metric, more);
    }

    /** {@link #compile(Optimizer, String, Metric, Metric...)} with a loss object. */
    public abstract void compile(Optimizer optimizer, Loss loss, Metric metric, Metric... more);

    /** Configures training with an optimizer by name ({@code "sgd"}, {@code "adam"}, ...) with its defaults. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), loss, metrics);
    }

    /** Trains the model; see {@link FitOptions} for epochs, batch size and the rest. */
    public abstract History fit(NDArray x, NDArray y, FitOptions options);

    /** {@code fit} with Keras's defaults: 1 epoch, batch size 32, shuffled, verbose 1. */
    public History fit(NDArray x, NDArray y) {
        return fit(x, y, new FitOptions());
    }

    /**
     * Trains on a stream of batches, Keras's generator / {@code PyDataset} role, for data larger
     * than memory: each element is {@code {x, y}} or {@code {x, y, sampleWeight}} for one batch.
     * Every epoch iterates {@code batches} again; with {@link FitOptions#stepsPerEpoch} an epoch is
     * that many batches and one iterator continues across epochs (started again when it runs
     * out). The batch size is the data's; {@code batchSize} only sizes the validation batches.
     */
    public History fit(Iterable<NDArray[]> batches, FitOptions options) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot fit on batches yet");
    }

    /**
     * Trains on a one-shot iterator of batches (a Python generator's role): without
     * {@code stepsPerEpoch} the first epoch consumes it and training stops when it is empty.
     */
    public History fit(Iterator<NDArray[]> batches, FitOptions options) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot fit on batches yet");
    }

    /** The optimizer given to {@code compile} ({@code model.optimizer}), or null before it. */
    public Optimizer getOptimizer() {
        return null;
    }

    /** Keras's {@code evaluate(x, y, batch_size, verbose, sample_weight, callbacks)}. */
    public Map<String, Double> evaluate(NDArray x, NDArray y, EvaluateOptions options) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take EvaluateOptions yet");
    }

    /** {@code evaluate(x, y, batch_size=batchSize, verbose=verbose)}. */
    public Map<String, Double> evaluate(NDArray x, NDArray y, int batchSize, int verbose) {
        return evaluate(x, y, new EvaluateOptions().batchSize(batchSize).verbose(verbose));
    }

    /** Keras's {@code predict(x, batch_size, verbose, callbacks)}: with a progress bar unless {@code verbose(0)}. */
    public NDArray predict(NDArray x, PredictOptions options) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take PredictOptions yet");
    }

    /** {@code predict(x, batch_size=batchSize, verbose=verbose)}. */
    public NDArray predict(NDArray x, int batchSize, int verbose) {
        return predict(x, new PredictOptions().batchSize(batchSize).verbose(verbose));
    }

    /** Keras's repr: {@code <Sequential name=sequential, built=True>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " name=" + name() + ", built=" + (isBuiltModel() ? "True" : "False") + ">";
    }

    /** Whether the model's weights exist (its input shape is known). */
    protected boolean isBuiltModel() {
        return !getWeights().isEmpty();
    }

    /**
     * Loss and each metric over {@code (x, y)}, computed in batches of 32 as Keras does, printing
     * Keras's one-line progress bar ({@code verbose=1}).
     */
    public Map<String, Double> evaluate(NDArray x, NDArray y) {
        return evaluate(x, y, 1);
    }

    /** {@link #evaluate(NDArray, NDArray)} with Keras's {@code verbose}: 0 silent, 1 or 2 one line. */
    public abstract Map<String, Double> evaluate(NDArray x, NDArray y, int verbose);

    /** The model's output for {@code inputs} (one array per model input). */
    public abstract NDArray predict(NDArray... inputs);

    /** All outputs of the model, for models with several outputs. */
    public List<NDArray> predictAll(NDArray... inputs) {
        return List.of(predict(inputs));
    }

    /** The weights in Keras order: per layer, kernel {@code (in, units)} then bias. Copies. */
    public abstract List<NDArray> getWeights();

    /** Sets all weights, in the order of {@link #getWeights()}; shapes must match exactly. */
    public abstract void setWeights(List<NDArray> weights);

    /** Prints the layer table to standard output, as Keras's {@code model.summary()}. */
    public void summary() {
        summary(System.out);
    }

    /** Prints the layer table to {@code out}. */
    public abstract void summary(PrintStream out);

    /**
     * Set by a callback to end {@code fit} ({@code model.stop_training}): checked after every
     * batch, as Keras 3 does; the epoch then ends (validation and {@code onEpochEnd} included).
     */
    public abstract void setStopTraining(boolean stop);

    public abstract boolean isStopTraining();

    /**
     * {@code model.save(path)}: the whole model (config, weights, optimizer state) as a Keras 3
     * {@code .keras} zip that Keras 3 itself can load. Written to a temporary file in the same folder
     * and moved into place atomically, so an interrupted save leaves any previous file intact.
     */
    public void save(java.nio.file.Path path) {
        io.keras4j.saving.KerasArchive.save(this, path);
    }

    /** {@code model.save_weights(path)}: the weights alone in Keras 3's {@code .weights.h5} layout (atomically, as {@link #save}). */
    public void saveWeights(java.nio.file.Path path) {
        io.keras4j.saving.WeightsFile.save(this, path);
    }

    /**
     * {@code model.load_weights(path)}: weights from a {@code .weights.h5} file (Keras 3 layout), the
     * weights of a {@code .keras} file, or a legacy Keras 2 {@code .h5}; a count or shape mismatch
     * names the layer and both shapes.
     */
    public void loadWeights(java.nio.file.Path path) {
        io.keras4j.saving.WeightsFile.load(this, path);
    }

    /**
     * {@code model.to_json()}: the model's config in Keras 3's serialization format (with
     * {@code build_config}, and {@code compile_config} once compiled, as Keras 3 writes it).
     */
    public String toJson() {
        return io.keras4j.saving.Json.write(io.keras4j.saving.ModelConfig.serialize(this, true));
    }
}
