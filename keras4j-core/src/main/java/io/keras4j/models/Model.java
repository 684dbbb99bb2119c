package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.losses.Loss;
import io.keras4j.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.Model}: the base of {@link Sequential} (and of functional models to come).
 * Everything a trained model offers: compile, fit, evaluate, predict, weights and summary.
 */
public abstract class Model {

    /** The model's name ({@code "sequential"}, {@code "sequential_1"}, ...). */
    public abstract String name();

    /** Configures training. {@code metrics} are Keras metric strings such as {@code "accuracy"}. */
    public abstract void compile(Optimizer optimizer, String loss, String... metrics);

    /**
     * Configures training with a loss object, for options a string cannot carry:
     * {@code compile(new Adam(), new SparseCategoricalCrossentropy(true), "accuracy")}.
     */
    public abstract void compile(Optimizer optimizer, Loss loss, String... metrics);

    /** Configures training with an optimizer by name ({@code "sgd"}, {@code "adam"}, ...) with its defaults. */
    public abstract void compile(String optimizer, String loss, String... metrics);

    /** Trains the model; see {@link FitOptions} for epochs, batch size and the rest. */
    public abstract History fit(NDArray x, NDArray y, FitOptions options);

    /** {@code fit} with Keras's defaults: 1 epoch, batch size 32, shuffled, verbose 1. */
    public History fit(NDArray x, NDArray y) {
        return fit(x, y, new FitOptions());
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

    /** Set by a callback to end {@code fit} after the current epoch ({@code model.stop_training}). */
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
