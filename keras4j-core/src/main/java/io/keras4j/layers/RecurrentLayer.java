package io.keras4j.layers;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.kernels.GateActivation;
import io.keras4j.engine.ops.RecurrentOp;
import io.keras4j.engine.ops.RecurrentState;
import io.keras4j.engine.ops.RecurrentStateOp;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.initializers.Orthogonal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share (Keras's {@code RNN} base with the
 * cell's arguments): input {@code (None, timesteps, features)}, output {@code (None, units)} or,
 * with {@code returnSequences}, {@code (None, timesteps, units)}.
 * <p>Defaults as Keras 3: activation {@code tanh}, recurrent activation {@code sigmoid},
 * {@code use_bias} true, kernel {@code glorot_uniform}, recurrent kernel {@code orthogonal}, bias
 * {@code zeros}, dropout and recurrent dropout 0 (applied in training only: one mask per sample for
 * all steps), {@code return_sequences}, {@code go_backwards} (the steps are processed last to
 * first and returned in that order), {@code stateful} (each sample's last state is the next
 * call's initial state; {@link #resetStates()}) and {@code unroll} (accepted; the loop is the
 * same) false. A mask from {@link Embedding}{@code (mask_zero)} or {@link Masking} makes the layer
 * carry its state (and last output) over the masked steps.
 * <p>{@code returnState} (default false): the layer has several outputs, {@code [output, h]} (LSTM:
 * {@code [output, h, c]}), each state {@code (None, units)}, taken with {@link #applyAll}. Keras's
 * {@code initial_state}: {@code layer.apply(x, h0)} (LSTM: {@code layer.apply(x, h0, c0)}), the
 * states symbolic tensors of shape {@code (None, units)}, e.g. an encoder's returned states:
 * <pre>{@code
 * List<KerasTensor> enc = new LSTM(64).returnState(true).applyAll(encoderInputs);
 * KerasTensor dec = new LSTM(64).returnSequences(true).apply(decoderInputs, enc.get(1), enc.get(2));
 * }</pre>
 *
 * @param <T> the concrete layer, which every fluent setter returns
 */
public abstract class RecurrentLayer<T extends RecurrentLayer<T>> extends Layer {
    protected final int units;
    protected String activation = "tanh", recurrentActivation = "sigmoid";
    protected boolean useBias = true, returnSequences, returnState, goBackwards, stateful, unroll;
    protected String kernelInitializer = "glorot_uniform", recurrentInitializer = "orthogonal", biasInitializer = "zeros";
    protected double dropout, recurrentDropout;
    protected Variable kernel, recurrentKernel, bias;
    private RecurrentState state;
    /** Masked steps of a returned sequence give zeros (Keras's zero_output_for_mask; set by Bidirectional). */
    boolean zeroOutputForMask;

    protected RecurrentLayer(String baseName, int units) {
        super(baseName);
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": units must be a positive integer, got " + units);
        }
        this.units = units;
    }

    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    @Override
    public T name(String name) {
        super.name(name);
        return self();
    }

    @Override
    public T inputShape(int... shape) {
        super.inputShape(shape);
        return self();
    }

    /** The output's activation (default {@code tanh}). */
    public T activation(String name) {
        this.activation = gateActivation(name, "activation");
        return self();
    }

    /** The gates' activation (default {@code sigmoid}). */
    public T recurrentActivation(String name) {
        this.recurrentActivation = gateActivation(name, "recurrent_activation");
        return self();
    }

    public T useBias(boolean v) {
        this.useBias = v;
        return self();
    }

    public T kernelInitializer(String name) {
        initializer(name);
        this.kernelInitializer = name;
        return self();
    }

    /** Default {@code orthogonal}. */
    public T recurrentInitializer(String name) {
        initializer(name);
        this.recurrentInitializer = name;
        return self();
    }

    public T biasInitializer(String name) {
        initializer(name);
        this.biasInitializer = name;
        return self();
    }

    /** Fraction of the input features dropped in training (clipped to [0, 1] as Keras). */
    public T dropout(double rate) {
        this.dropout = Math.min(1, Math.max(0, rate));
        return self();
    }

    /** Fraction of the recurrent state dropped in training (clipped to [0, 1] as Keras). */
    public T recurrentDropout(double rate) {
        this.recurrentDropout = Math.min(1, Math.max(0, rate));
        return self();
    }

    public T returnSequences(boolean v) {
        this.returnSequences = v;
        return self();
    }

    /** Keras's {@code return_state}: the layer also returns its final state(s); see {@link #applyAll}. */
    public T returnState(boolean v) {
        this.returnState = v;
        return self();
    }

    public boolean returnState() {
        return returnState;
    }

    /** The number of state tensors (1; LSTM: 2, h and c). */
    int stateCount() {
        return 1;
    }

    public T goBackwards(boolean v) {
        this.goBackwards = v;
        return self();
    }

    public T stateful(boolean v) {
        this.stateful = v;
        return self();
    }

    /** Accepted for Keras compatibility; the loop runs the same either way. */
    public T unroll(boolean v) {
        this.unroll = v;
        return self();
    }

    public int units() {
        return units;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    /** Keras's {@code reset_states()}: a stateful layer's carried state back to zeros. */
    public void resetStates() {
        if (state != null) state.reset();
    }

    /** The carried hidden state (batch, units) of a stateful layer, or null (not stateful, or not called yet). */
    public NDArray states() {
        if (state == null) return null;
        float[] h = state.hidden();
        return h == null ? null : NDArray.of(h, h.length / units, units);
    }

    /** The initializer of a name: Keras's {@code orthogonal} or one of {@link Initializers}. */
    static Initializer initializer(String name) {
        if (name != null && name.equalsIgnoreCase("orthogonal")) return new Orthogonal();
        return Initializers.get(name);
    }

    private String gateActivation(String name, String what) {
        String c = Activations.canonical(name);
        if (GateActivation.code(c) < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what + " '" + name
                    + "' is not supported by the recurrent kernels; supported: " + String.join(", ", GateActivation.NAMES));
        }
        return c;
    }

    /** Number of gate blocks of {@code units} columns in the kernels (1, 3 or 4). */
    protected abstract int gates();

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 3 (None, timesteps, features), got "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int in = inputShape[1];
        kernel = addWeight("kernel", new int[] {in, gates() * units}, initializer(kernelInitializer), true);
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, gates() * units}, initializer(recurrentInitializer), true);
        if (useBias) buildBias();
        if (stateful) state = new RecurrentState(describe(), units);
    }

    /** Adds the bias weight (its shape and initial values differ per cell). */
    protected abstract void buildBias();

    /** The op of this cell over the whole sequence. */
    protected abstract RecurrentOp op(Tensor x, RecurrentOp.Options options);

    @Override
    public Tensor call(Tensor x, boolean training) {
        return call(x, null, training, false);
    }

    /** With a mask {@code (n, timesteps)}: masked steps carry the state (and the last output) unchanged. */
    @Override
    public Tensor call(Tensor x, Tensor mask, boolean training) {
        return call(x, mask, training, false);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** As Keras: the input's mask with {@code return_sequences}, else none. */
    @Override
    public Tensor computeMask(Tensor x, Tensor mask) {
        return returnSequences ? mask : null;
    }

    /** {@link #call}; with {@code inputOrder} a backwards layer returns its sequence in input order (Bidirectional). */
    Tensor call(Tensor x, Tensor mask, boolean training, boolean inputOrder) {
        return op(x, options(mask, training, inputOrder)).output();
    }

    private RecurrentOp.Options options(Tensor mask, boolean training, boolean inputOrder) {
        return new RecurrentOp.Options(GateActivation.code(activation), GateActivation.code(recurrentActivation))
                .returnSequences(returnSequences).goBackwards(goBackwards).outputInInputOrder(inputOrder)
                .training(training).dropout(dropout).recurrentDropout(recurrentDropout).state(state).mask(mask).zeroOutputForMask(zeroOutputForMask);
    }

    /**
     * The call of a model's node: {@code inputs} = {@code [x]} or {@code [x, h0(, c0)]} (Keras's
     * {@code initial_state}); returns {@code [output]}, or with {@code returnState}
     * {@code [output, h(, c)]}.
     */
    @Override
    public List<Tensor> callAll(List<Tensor> inputs, Tensor mask, boolean training) {
        return callAll(inputs, mask, training, false);
    }

    /** {@link #callAll}; with {@code inputOrder} a backwards layer returns its sequence in input order (Bidirectional). */
    List<Tensor> callAll(List<Tensor> inputs, Tensor mask, boolean training, boolean inputOrder) {
        RecurrentOp.Options o = options(mask, training, inputOrder);
        if (inputs.size() > 1) o.initialState(inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null);
        RecurrentOp op = op(inputs.get(0), o);
        if (!returnState) return List.of(op.output());
        List<Tensor> outs = new ArrayList<>();
        outs.add(op.output());
        for (int i = 0; i < stateCount(); i++) outs.add(new RecurrentStateOp(op, i).output());
        return outs;
    }

    /**
     * {@code layer(x)} or, with Keras's {@code initial_state}, {@code layer(x, h0)} (LSTM:
     * {@code layer(x, h0, c0)}); a layer with {@code returnState} has several outputs: use
     * {@link #applyAll}.
     */
    @Override
    public KerasTensor apply(KerasTensor... inputs) {
        if (returnState) {
            throw new IllegalArgumentException(describe() + " returns " + (1 + stateCount())
                    + " tensors (return_state): use applyAll(...) for [output, " + (stateCount() == 2 ? "h, c]" : "h]"));
        }
        checkApply(inputs);
        return new KerasTensor(computeOutputShape(inputs[0].shape()), this, List.of(inputs), name());
    }

    /** {@code [output]}, or with {@code returnState} {@code [output, h]} (LSTM: {@code [output, h, c]}), states {@code (None, units)}. */
    @Override
    public List<KerasTensor> applyAll(KerasTensor... inputs) {
        if (!returnState) return List.of(apply(inputs));
        checkApply(inputs);
        Object call = new Object();
        List<KerasTensor> outs = new ArrayList<>();
        outs.add(new KerasTensor(computeOutputShape(inputs[0].shape()), this, List.of(inputs), name(), call, 0));
        for (int i = 1; i <= stateCount(); i++) outs.add(new KerasTensor(new int[] {units}, this, List.of(inputs), name(), call, i));
        return outs;
    }

    /** Builds for {@code inputs[0]} and checks the initial states, if any: none, or all {@link #stateCount()}, each {@code (None, units)}. */
    private void checkApply(KerasTensor[] inputs) {
        if (inputs == null || inputs.length == 0 || inputs[0] == null) {
            throw new IllegalArgumentException(describe() + " takes an input tensor, got none");
        }
        if (inputs.length != 1 && inputs.length != 1 + stateCount()) {
            throw new IllegalArgumentException(describe() + " takes an input and " + stateCount() + " initial state tensor(s)"
                    + (stateCount() == 2 ? " (h, c)" : " (h)") + ", got " + (inputs.length - 1) + " state tensor(s)");
        }
        ensureBuilt(inputs[0].shape());
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i] == null || !java.util.Arrays.equals(inputs[i].shape(), new int[] {units})) {
                throw new IllegalArgumentException(describe() + ": initial state " + (i - 1) + " must have shape "
                        + NDArray.shapeString(withBatch(new int[] {units})) + ", got "
                        + (inputs[i] == null ? "null" : NDArray.shapeString(withBatch(inputs[i].shape()))));
            }
        }
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return returnSequences ? new int[] {inputShape[0], units} : new int[] {units};
    }

    /** Reads the keys every recurrent layer has (see {@link #getConfig()}) into {@code l}. */
    static <L extends RecurrentLayer<L>> L applyConfig(LayerConfig c, L l) {
        l.activation(c.getString("activation", "tanh")).recurrentActivation(c.getString("recurrent_activation", "sigmoid"))
                .useBias(c.getBoolean("use_bias", true))
                .kernelInitializer(c.getString("kernel_initializer", "glorot_uniform"))
                .recurrentInitializer(c.getString("recurrent_initializer", "orthogonal"))
                .biasInitializer(c.getString("bias_initializer", "zeros"))
                .dropout(c.getDouble("dropout", 0)).recurrentDropout(c.getDouble("recurrent_dropout", 0))
                .returnSequences(c.getBoolean("return_sequences", false)).goBackwards(c.getBoolean("go_backwards", false))
                .stateful(c.getBoolean("stateful", false)).unroll(c.getBoolean("unroll", false));
        l.returnState(c.getBoolean("return_state", false));
        return c.applyBase(l);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation);
        c.put("recurrent_activation", recurrentActivation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("recurrent_initializer", recurrentInitializer);
        c.put("bias_initializer", biasInitializer);
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", unroll);
        return c;
    }
}
