package io.keras4j.layers;

import io.keras4j.KerasTensor;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.BidirectionalMerge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.layers.Bidirectional(layer)}: runs a copy of the recurrent {@code layer}
 * ({@code forward_<name>}) and a copy with {@code go_backwards=True} ({@code backward_<name>}) over
 * the same input and merges the outputs ({@code merge_mode}, default {@code concat}; also
 * {@code sum}, {@code mul}, {@code ave}). With {@code return_sequences} the backward sequence is
 * put back in input order before merging, and masked steps give zeros, as Keras does. Weights: the
 * forward layer's, then the backward layer's. Config: {@code layer} (the forward layer),
 * {@code backward_layer}, {@code merge_mode}. {@code merge_mode=None} (two outputs) is not
 * supported yet.
 * <pre>{@code
 * model.add(new Bidirectional(new LSTM(16).returnSequences(true)).inputShape(10, 4));
 * }</pre>
 */
public class Bidirectional extends Wrapper {
    private static final List<String> MODES = List.of("concat", "sum", "mul", "ave");
    private final RecurrentLayer<?> forwardLayer, backwardLayer;
    private String mergeMode = "concat";

    public Bidirectional(Layer layer) {
        this(layer, null);
    }

    /** With Keras's {@code backward_layer} (null: a copy of {@code layer} with {@code go_backwards=True}). */
    Bidirectional(Layer layer, Layer backward) {
        super("bidirectional", layer);
        if (!(layer instanceof RecurrentLayer) || (backward != null && !(backward instanceof RecurrentLayer))) {
            throw new IllegalArgumentException("Bidirectional: the wrapped layer must be a recurrent layer (SimpleRNN, LSTM, GRU), got "
                    + (layer instanceof RecurrentLayer ? backward : layer).describe());
        }
        if (backward != null && ((RecurrentLayer<?>) backward).returnState() != ((RecurrentLayer<?>) layer).returnState()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must agree on return_state, got "
                    + layer.describe() + " and " + backward.describe());
        }
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        config.put("name", "forward_" + removePrefix(layer.name(), "forward_"));
        forwardLayer = (RecurrentLayer<?>) deserialize(serialized(layer, config));
        if (backward == null) {
            config.put("name", "backward_" + removePrefix(layer.name(), "backward_"));
            config.put("go_backwards", true);
            backward = deserialize(serialized(layer, config));
        }
        backwardLayer = (RecurrentLayer<?>) backward;
        if (forwardLayer.goBackwards() == backwardLayer.goBackwards()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must differ in go_backwards;"
                    + " got go_backwards=" + forwardLayer.goBackwards() + " for both");
        }
        if (forwardLayer.returnSequences() != backwardLayer.returnSequences()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must have the same return_sequences");
        }
        // as Keras: a returned sequence has zeros at masked steps, so the two directions line up
        forwardLayer.zeroOutputForMask = forwardLayer.returnSequences();
        backwardLayer.zeroOutputForMask = backwardLayer.returnSequences();
    }

    private static String removePrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static Map<String, Object> serialized(Layer l, Map<String, Object> config) {
        Map<String, Object> m = serialize(l);
        m.put("config", config);
        return m;
    }

    @Override
    public Bidirectional name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Bidirectional inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    /** {@code concat} (default), {@code sum}, {@code mul} or {@code ave}. */
    public Bidirectional mergeMode(String mode) {
        String m = mode == null ? "none" : mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw new IllegalArgumentException("Bidirectional: merge_mode '" + mode + "' is not supported"
                    + (m.equals("none") ? " yet (it gives two outputs)" : "") + "; supported: " + String.join(", ", MODES));
        }
        this.mergeMode = m;
        return this;
    }

    public RecurrentLayer<?> forwardLayer() {
        return forwardLayer;
    }

    public RecurrentLayer<?> backwardLayer() {
        return backwardLayer;
    }

    /** Resets both directions' carried states (stateful layers). */
    public void resetStates() {
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    @Override
    public List<Variable> weights() {
        List<Variable> w = new ArrayList<>(forwardLayer.weights());
        w.addAll(backwardLayer.weights());
        return Collections.unmodifiableList(w);
    }

    @Override
    protected void validateInput(int[] inputShape) {
        forwardLayer.validateInput(inputShape);
    }

    @Override
    protected void build(int[] inputShape) {
        forwardLayer.ensureBuilt(inputShape);
        backwardLayer.ensureBuilt(inputShape);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return call(x, null, training);
    }

    @Override
    public Tensor call(Tensor x, Tensor mask, boolean training) {
        Tensor f = forwardLayer.call(x, mask, training, false);
        Tensor b = backwardLayer.call(x, mask, training, true);
        return new BidirectionalMerge(f, b, BidirectionalMerge.Mode.valueOf(mergeMode.toUpperCase(Locale.ROOT))).output();
    }

    /** Whether the wrapped layer has {@code returnState}: the outputs are then {@code [output, forward states..., backward states...]}. */
    public boolean returnState() {
        return forwardLayer.returnState();
    }

    /** A wrapped layer with {@code returnState} gives several outputs: use {@link #applyAll}. */
    @Override
    public KerasTensor apply(KerasTensor... inputs) {
        if (returnState()) {
            throw new IllegalArgumentException(describe() + " returns " + (1 + 2 * forwardLayer.stateCount())
                    + " tensors (return_state): use applyAll(...) for [output, forward states, backward states]");
        }
        return super.apply(inputs);
    }

    /**
     * Keras's {@code Bidirectional(LSTM(..., return_state=True))(x)}: {@code [output, h_fwd, c_fwd,
     * h_bwd, c_bwd]} (GRU, SimpleRNN: {@code [output, h_fwd, h_bwd]}), each state {@code (None, units)}.
     */
    @Override
    public List<KerasTensor> applyAll(KerasTensor... inputs) {
        if (!returnState()) return List.of(apply(inputs));
        if (inputs == null || inputs.length != 1 || inputs[0] == null) {
            throw new IllegalArgumentException(describe() + " takes one input tensor (initial states are not supported yet)");
        }
        ensureBuilt(inputs[0].shape());
        Object call = new Object();
        List<KerasTensor> outs = new ArrayList<>();
        outs.add(new KerasTensor(computeOutputShape(inputs[0].shape()), this, List.of(inputs), name(), call, 0));
        for (int i = 1; i <= 2 * forwardLayer.stateCount(); i++) {
            int units = (i <= forwardLayer.stateCount() ? forwardLayer : backwardLayer).units();
            outs.add(new KerasTensor(new int[] {units}, this, List.of(inputs), name(), call, i));
        }
        return outs;
    }

    @Override
    public List<Tensor> callAll(List<Tensor> inputs, Tensor mask, boolean training) {
        if (!returnState()) return List.of(call(inputs.get(0), mask, training));
        List<Tensor> f = forwardLayer.callAll(List.of(inputs.get(0)), mask, training, false);
        List<Tensor> b = backwardLayer.callAll(List.of(inputs.get(0)), mask, training, true);
        List<Tensor> outs = new ArrayList<>();
        outs.add(new BidirectionalMerge(f.get(0), b.get(0), BidirectionalMerge.Mode.valueOf(mergeMode.toUpperCase(Locale.ROOT))).output());
        outs.addAll(f.subList(1, f.size()));
        outs.addAll(b.subList(1, b.size()));
        return outs;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** As Keras: the input's mask with {@code return_sequences}, else none. */
    @Override
    public Tensor computeMask(Tensor x, Tensor mask) {
        return forwardLayer.returnSequences() ? mask : null;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = forwardLayer.computeOutputShape(inputShape);
        if (mergeMode.equals("concat")) s[s.length - 1] *= 2;
        return s;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Bidirectional fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        Layer backward = c.has("backward_layer") ? deserialize(c.get("backward_layer")) : null;
        Bidirectional b = new Bidirectional(deserialize(c.get("layer")), backward).mergeMode(c.getString("merge_mode", "concat"));
        return c.applyBase(b);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("layer", serialize(forwardLayer));
        c.put("backward_layer", serialize(backwardLayer));
        c.put("merge_mode", mergeMode);
        return c;
    }
}
