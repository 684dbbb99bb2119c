package io.keras4j.saving;

import io.keras4j.KerasTensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.Layer;
import io.keras4j.layers.RecurrentLayer;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.layers.Wrapper;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each variable of a model lives in a Keras 3 weights file: the groups Keras 3's
 * {@code saving_lib._save_state} writes, walking the model as Keras does.
 * <ul>
 * <li>A model's layers under {@code layers/}, named not by layer name but by class name in snake
 * case made unique in order ({@code dense}, {@code dense_1}); a Functional's {@code InputLayer}s
 * count (their {@code vars} are empty), a Sequential's do not. A layer already written (shared
 * with a nested model) is skipped, its name still counted ({@code _save_container_state}).</li>
 * <li>Each object's own variables in {@code <path>/vars/0..n} ({@code @name} = its name), then its
 * tracked children as attributes, by attribute name:
 * {@code SimpleRNN}/{@code LSTM}/{@code GRU}: {@code <path>/cell/vars} (the cell
 * {@code simple_rnn_cell}, {@code lstm_cell}, {@code gru_cell} owns the weights; the layer's own
 * {@code vars} is empty); {@code Bidirectional}: {@code <path>/forward_layer/...} and
 * {@code <path>/backward_layer/...}; {@code TimeDistributed}: {@code <path>/layer/...};
 * a nested functional model: {@code <path>/vars} and {@code <path>/layers/...}.</li>
 * <li>The model's own (empty) {@code vars} at the root.</li>
 * </ul>
 * Checked against files written by Keras 3.15.1 ({@code keras/src/saving/saving_lib.py}:
 * {@code _save_state}, {@code _walk_saveable}, {@code _save_container_state}; the layer order of a
 * Functional is {@code keras/src/ops/function.py}'s {@code map_graph}, {@link FunctionalConfig#operations}).
 */
final class StateTree {
    /** One {@code vars} group: {@code path} ("" = the root) + "/vars", its {@code @name}, the variables in it. */
    record Entry(String path, String name, List<Variable> vars) {
        String varsPath() {
            return path.isEmpty() ? "vars" : path + "/vars";
        }
    }

    /** A layer of the model at its top-level path, with the groups it owns (the flat form: all its weights in {@code path/vars}). */
    record Slot(String path, Layer layer, List<Entry> entries) {}

    final List<Entry> entries = new ArrayList<>();
    final List<Slot> slots = new ArrayList<>();
    /** The model's variables in Keras order ({@code model.weights}): the order of the optimizer's slots. */
    final List<Variable> variables = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Variable> seenVars = Collections.newSetFromMap(new IdentityHashMap<>());

    private StateTree() {}

    static StateTree of(Model m) {
        StateTree t = new StateTree();
        t.model("", m);
        return t;
    }

    private void model(String path, Model m) {
        visited.add(m);
        entries.add(new Entry(path, m.name(), List.of()));
        String prefix = path.isEmpty() ? "layers/" : path + "/layers/";
        Map<String, Integer> used = new HashMap<>();
        if (m instanceof Sequential s) {
            for (Layer l : s.layers()) {
                String p = prefix + unique(WeightsFile.toSnakeCase(l.getClass().getSimpleName()), used);
                if (visited.contains(l)) continue;
                topLayer(p, l);
            }
        } else if (m instanceof Functional f) {
            for (Object op : FunctionalConfig.operations(f)) {
                if (op instanceof KerasTensor input) {
                    String p = prefix + unique("input_layer", used);
                    entries.add(new Entry(p, input.name(), List.of()));
                } else if (op instanceof Model inner) {
                    String p = prefix + unique(WeightsFile.toSnakeCase(inner.getClass().getSimpleName()), used);
                    if (!visited.contains(inner)) model(p, inner);
                } else {
                    Layer l = (Layer) op;
                    String p = prefix + unique(WeightsFile.toSnakeCase(l.getClass().getSimpleName()), used);
                    if (!visited.contains(l)) topLayer(p, l);
                }
            }
        } else {
            throw new IllegalArgumentException("weights files of " + m.getClass().getSimpleName() + " models are not supported");
        }
    }

    private void topLayer(String path, Layer l) {
        int from = entries.size();
        layer(path, l);
        slots.add(new Slot(path, l, List.copyOf(entries.subList(from, entries.size()))));
        for (Variable v : l.weights()) if (seenVars.add(v)) variables.add(v);
    }

    private void layer(String path, Layer l) {
        visited.add(l);
        if (l instanceof RecurrentLayer<?> r) {
            entries.add(new Entry(path, l.name(), List.of()));
            entries.add(new Entry(path + "/cell", cellName(r), l.weights()));
        } else if (l instanceof Bidirectional b) {
            entries.add(new Entry(path, l.name(), List.of()));
            layer(path + "/backward_layer", b.backwardLayer());
            layer(path + "/forward_layer", b.forwardLayer());
        } else if (l instanceof Wrapper w) {
            entries.add(new Entry(path, l.name(), List.of()));
            layer(path + "/layer", w.layer());
        } else {
            entries.add(new Entry(path, l.name(), l.weights()));
        }
    }

    /** The order of {@code model.getWeights()} / {@code setWeights}: per layer (nested models' in turn), its weights, each once. */
    static List<Variable> setWeightsOrder(Model m) {
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : leafLayers(m)) for (Variable v : l.weights()) if (seen.add(v)) out.add(v);
        return out;
    }

    /** The model's layers, nested models' layers in their place, each once, in the order of {@link #setWeightsOrder}. */
    static List<Layer> leafLayers(Model m) {
        List<Layer> out = new ArrayList<>();
        leafLayers(m, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void leafLayers(Model m, List<Layer> out, Set<Object> seen) {
        List<?> children = m instanceof Sequential s ? s.layers() : m instanceof Functional f ? f.layers() : List.of();
        for (Object c : children) {
            if (!seen.add(c)) continue;
            if (c instanceof Model inner) leafLayers(inner, out, seen);
            else out.add((Layer) c);
        }
    }

    /** The name Keras 3 gives an RNN layer's cell. */
    private static String cellName(RecurrentLayer<?> r) {
        if (r instanceof LSTM) return "lstm_cell";
        if (r instanceof GRU) return "gru_cell";
        if (r instanceof SimpleRNN) return "simple_rnn_cell";
        return WeightsFile.toSnakeCase(r.getClass().getSimpleName()) + "_cell";
    }

    /** Keras's {@code _get_unique_name}: {@code base}, then {@code base_1}, {@code base_2}, ... */
    private static String unique(String base, Map<String, Integer> used) {
        Integer k = used.get(base);
        used.put(base, k == null ? 0 : k + 1);
        return k == null ? base : base + "_" + (k + 1);
    }
}
