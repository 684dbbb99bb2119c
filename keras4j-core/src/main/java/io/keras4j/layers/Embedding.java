package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.EmbeddingLookup;
import io.keras4j.engine.ops.StepMask;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.Embedding(input_dim, output_dim)}: maps each index {@code i} (given as a
 * float, as every keras4j input; truncated to an integer as Keras casts it) to row {@code i} of
 * {@code embeddings (input_dim, output_dim)}. Input {@code (None, ...)}, output
 * {@code (None, ..., output_dim)}. An index outside {@code [0, input_dim)} is an error.
 * Default {@code embeddings_initializer}: {@code uniform}, i.e. U(-0.05, 0.05).
 * {@code input_length} is accepted and ignored, as in Keras 3. With {@code mask_zero} the steps
 * holding index 0 are masked for the layers after (a recurrent layer carries its state over them);
 * the mask must end in a layer that consumes it (a recurrent layer without
 * {@code return_sequences}): masked losses are not supported yet.
 * <pre>{@code
 * model.add(new Embedding(1000, 64).inputShape(20));
 * }</pre>
 */
public class Embedding extends Layer {
    private final int inputDim, outputDim;
    private String embeddingsInitializer = "uniform";
    private boolean maskZero;
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

    /**
     * {@code mask_zero} (default false): index 0 is padding; the steps holding it are masked for the
     * layers after (recurrent layers skip them). Then index 0 cannot be a real word: as in Keras,
     * {@code input_dim} should be the vocabulary size + 1.
     */
    public Embedding maskZero(boolean maskZero) {
        this.maskZero = maskZero;
        return this;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(Tensor x, Tensor mask) {
        return maskZero ? new StepMask(x, 0f, false).output() : null;
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
        c.put("mask_zero", maskZero);
        return c;
    }
}
