package io.keras4j.layers;

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
 * {@code keras.layers.Bidirectional(layer)}: runs a copy of the recurrent {@code layer} forwards
 * ({@code forward_<name>}) and one backwards ({@code backward_<name>}, {@code go_backwards}
 * flipped) over the same input and merges the outputs ({@code merge_mode}, default
 * {@code concat}; also {@code sum}, {@code mul}, {@code ave}). With {@code return_sequences} the
 * backward sequence is put back in input order before merging, as Keras does. Weights: the
 * forward layer's, then the backward layer's. {@code merge_mode=None} (two outputs) is not
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
        super("bidirectional", layer);
        if (!(layer instanceof RecurrentLayer)) {
            throw new IllegalArgumentException("Bidirectional: the wrapped layer must be a recurrent layer (SimpleRNN, LSTM, GRU), got "
                    + layer.describe());
        }
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        config.put("name", "forward_" + layer.name());
        forwardLayer = (RecurrentLayer<?>) deserialize(serialized(layer, config));
        config.put("name", "backward_" + layer.name());
        config.put("go_backwards", !((RecurrentLayer<?>) layer).goBackwards());
        backwardLayer = (RecurrentLayer<?>) deserialize(serialized(layer, config));
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
        Tensor f = forwardLayer.call(x, training);
        Tensor b = backwardLayer.call(x, null, training, true);
        return new BidirectionalMerge(f, b, BidirectionalMerge.Mode.valueOf(mergeMode.toUpperCase(Locale.ROOT))).output();
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
        Bidirectional b = new Bidirectional(deserialize(c.get("layer"))).mergeMode(c.getString("merge_mode", "concat"));
        return c.applyBase(b);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("merge_mode", mergeMode);
        return c;
    }
}
