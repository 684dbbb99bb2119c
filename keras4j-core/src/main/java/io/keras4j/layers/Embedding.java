package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.EmbeddingLookup;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.Embedding(input_dim, output_dim)}: maps each index {@code i} (given as a
 * float, as every keras4j input; truncated to an integer as Keras casts it) to row {@code i} of
 * {@code embeddings (input_dim, output_dim)}. Input {@code (None, ...)}, output
 * {@code (None, ..., output_dim)}. An index outside {@code [0, input_dim)} is an error.
 * Default {@code embeddings_initializer}: {@code uniform}, i.e. U(-0.05, 0.05).
 * {@code input_length} is accepted and ignored, as in Keras 3. {@code mask_zero=True} is not
 * supported yet (masks do not flow between layers in this build) and is refused.
 * <pre>{@code
 * model.add(new Embedding(1000, 64).inputShape(20));
 * }</pre>
 */
public class Embedding extends Layer {
    private final int inputDim, outputDim;
    private String embeddingsInitializer = "uniform";
    private Variable embeddings;

    public Embedding(int inputDim, int outputDim) {
        super("embedding");
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive, got " + inputDim
                    + " and " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    @Override
    public Embedding name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Embedding inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    /** Initializer by name (default {@code uniform}: U(-0.05, 0.05)). */
    public Embedding embeddingsInitializer(String name) {
        initializer(name);
        this.embeddingsInitializer = name;
        return this;
    }

    /** Keras 3 ignores {@code input_length}; so does this. */
    public Embedding inputLength(int length) {
        return this;
    }

    /** {@code mask_zero}: only false is supported yet; true fails rather than being ignored. */
    public Embedding maskZero(boolean maskZero) {
        if (maskZero) {
            throw new UnsupportedOperationException(describe() + ": mask_zero=True is not supported yet"
                    + " (masks do not flow between layers in this version of keras4j)");
        }
        return this;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    private static Initializer initializer(String name) {
        return Initializers.get("uniform".equalsIgnoreCase(name) ? "random_uniform" : name);
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length == 0) throw incompatible(inputShape);
    }

    @Override
    protected void build(int[] inputShape) {
        embeddings = addWeight("embeddings", new int[] {inputDim, outputDim}, initializer(embeddingsInitializer), true);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return new EmbeddingLookup(x, embeddings, describe()).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = new int[inputShape.length + 1];
        System.arraycopy(inputShape, 0, s, 0, inputShape.length);
        s[inputShape.length] = outputDim;
        return s;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Embedding fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        Embedding e = new Embedding(c.getInt("input_dim"), c.getInt("output_dim"))
                .embeddingsInitializer(c.getString("embeddings_initializer", "uniform"))
                .maskZero(c.getBoolean("mask_zero", false));
        return c.applyBase(e);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", embeddingsInitializer);
        c.put("mask_zero", false);
        return c;
    }
}
