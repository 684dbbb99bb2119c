package io.keras4j.saving;

import io.keras4j.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.Merge;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A functional model to and from Keras 3's config ({@code keras/src/models/functional.py}:
 * {@code Functional.get_config}, {@code functional_from_config}, {@code serialize_node},
 * {@code deserialize_node}), and from the Keras 1/2 form of legacy {@code .h5} files:
 * <pre>
 * {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
 *  "config": {"name": "model", "trainable": true,
 *   "layers": [{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4], ...},
 *               "registered_name": null, "name": "a", "inbound_nodes": []},
 *              {"module": "keras.layers", "class_name": "Dense", "config": {...}, "registered_name": null,
 *               "build_config": {"input_shape": [null, 4]}, "name": "shared",
 *               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 4],
 *                                  "dtype": "float32", "keras_history": ["a", 0, 0]}}], "kwargs": {}},   (one per call)
 *                                 ...]},
 *              {... "class_name": "Concatenate", "inbound_nodes": [{"args": [[tensor, tensor]], "kwargs": {}}]}, ...],
 *   "input_layers": [["a", 0, 0], ["b", 0, 0]],      (one input: ["a", 0, 0])
 *   "output_layers": [["out1", 0, 0], ["out2", 0, 0]]},
 *  "build_config": {"input_shape": null}, "compile_config": {...}}
 * </pre>
 * {@code keras_history} is {@code [layer name, node index, tensor index]}: the node index counts the
 * layer's calls within the model (a shared layer has several); a nested functional model's calls
 * count from 1, its node 0 being the model's own. Keras 1/2 write a node as a list of inputs,
 * {@code [["dense_1", 0, 0, {}]]}. Layers are listed in Keras's order ({@link #operations}), which
 * also names their weight groups ({@link StateTree}).
 */
final class FunctionalConfig {
    private FunctionalConfig() {}

    // ---------------------------------------------------------------- the graph, as Keras sees it

    /** A node of the graph: the tensor it outputs (every keras4j layer call has one output); an input is its own node. */
    private static Object op(KerasTensor node) {
        return node.isInput() ? node : node.producer();
    }

    /**
     * The model's operations (its {@code InputLayer}s as their input tensors, layers, nested
     * models) in the order of Keras's {@code Function._operations} ({@code map_graph}): by depth from
     * the outputs, deepest first; at one depth in the order a depth-first walk from the outputs
     * first reaches them.
     */
    static List<Object> operations(Functional f) {
        Graph g = new Graph(f);
        Map<Object, Integer> opDepth = new IdentityHashMap<>();
        Map<KerasTensor, Integer> nodeDepth = new IdentityHashMap<>();
        List<Object> opsInOrder = new ArrayList<>();
        for (int i = g.nodes.size() - 1; i >= 0; i--) {
            KerasTensor node = g.nodes.get(i);
            int depth = nodeDepth.getOrDefault(node, 0);
            Object op = op(node);
            depth = Math.max(depth, opDepth.getOrDefault(op, 0));
            if (!opDepth.containsKey(op)) opsInOrder.add(op);
            opDepth.put(op, depth);
            nodeDepth.put(node, depth);
            for (KerasTensor parent : node.inputs()) nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
        }
        for (KerasTensor in : f.inputs()) {
            if (!opDepth.containsKey(in)) {
                opDepth.put(in, 0);
                g.index.put(in, -1);
                opsInOrder.add(in);
            }
        }
        List<Object> ops = new ArrayList<>(opsInOrder);
        ops.sort((a, b) -> {
            int c = Integer.compare(opDepth.get(b), opDepth.get(a));
            return c != 0 ? c : Integer.compare(g.index.get(a), g.index.get(b));
        });
        return ops;
    }

    /** Keras's {@code _build_map}: the nodes from the inputs to the outputs, and each operation's first traversal index. */
    private static final class Graph {
        final List<KerasTensor> nodes = new ArrayList<>();
        final Map<Object, Integer> index = new IdentityHashMap<>();
        private final Set<KerasTensor> finished = Collections.newSetFromMap(new IdentityHashMap<>());

        Graph(Functional f) {
            for (KerasTensor out : f.outputs()) visit(out);
        }

        private void visit(KerasTensor t) {
            if (finished.contains(t)) return;
            index.putIfAbsent(op(t), index.size());
            for (KerasTensor in : t.inputs()) visit(in);
            finished.add(t);
            nodes.add(t);
        }
    }

    /** Each node's index among its operation's calls in the model, as a node's arguments name it ({@code keras_history[1]}). */
    private static Map<KerasTensor, Integer> nodeIndices(Graph g) {
        Map<Object, Integer> count = new IdentityHashMap<>();
        Map<KerasTensor, Integer> idx = new IdentityHashMap<>();
        for (KerasTensor n : g.nodes) {
            Object op = op(n);
            int k = count.getOrDefault(op, 0);
            idx.put(n, k);
            count.put(op, k + 1);
        }
        return idx;
    }

    // ---------------------------------------------------------------- writing

    /** The serialized model, {@code {"module": ..., "class_name": "Functional", "config": ..., ...}}, without compile_config. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> serialize(Functional f) {
        Graph g = new Graph(f);
        Map<KerasTensor, Integer> idx = nodeIndices(g);
        Map<Object, List<KerasTensor>> callsOf = new IdentityHashMap<>();
        for (KerasTensor n : g.nodes) callsOf.computeIfAbsent(op(n), k -> new ArrayList<>()).add(n);
        List<Object> layers = new ArrayList<>();
        for (Object op : operations(f)) {
            Map<String, Object> lm;
            String name;
            if (op instanceof KerasTensor in) {
                name = in.name();
                lm = ModelConfig.object("keras.layers", "InputLayer", ModelConfig.inputLayerConfig(in.shape(), name), null);
            } else if (op instanceof Model inner) {
                name = inner.name();
                lm = ModelConfig.serialize(inner, true);
                lm.putIfAbsent("compile_config", new LinkedHashMap<>());
            } else {
                Layer l = (Layer) op;
                name = l.name();
                Map<String, Object> build = new LinkedHashMap<>();
                List<KerasTensor> first = callsOf.get(op).get(0).inputs();
                build.put("input_shape", op instanceof Merge || first.size() > 1 ? shapes(first) : ModelConfig.batchShape(first.get(0).shape()));
                lm = ModelConfig.object("keras.layers", l.getClass().getSimpleName(), ModelConfig.layerConfig(l), build);
            }
            lm.put("name", name);
            List<Object> inbound = new ArrayList<>();
            if (!(op instanceof KerasTensor)) {
                for (KerasTensor call : callsOf.get(op)) {
                    Map<String, Object> n = node(call, idx, op instanceof Merge || call.inputs().size() > 1);
                    if (op instanceof Functional) ((Map<String, Object>) n.get("kwargs")).put("mask", null); // Keras calls a nested model with mask=None
                    inbound.add(n);
                }
            }
            lm.put("inbound_nodes", inbound);
            layers.add(lm);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", f.name());
        c.put("trainable", true);
        c.put("layers", layers);
        c.put("input_layers", tensors(f.inputs(), idx));
        c.put("output_layers", tensors(f.outputs(), idx));
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("input_shape", null);
        Map<String, Object> m = ModelConfig.object("keras.src.models.functional", "Functional", c, build);
        m.put("registered_name", "Functional");
        return m;
    }

    private static List<Object> shapes(List<KerasTensor> ts) {
        List<Object> s = new ArrayList<>();
        for (KerasTensor t : ts) s.add(ModelConfig.batchShape(t.shape()));
        return s;
    }

    /** {@code {"args": [tensor] or [[tensor, ...]], "kwargs": {}}} ({@code serialize_node}). */
    private static Map<String, Object> node(KerasTensor call, Map<KerasTensor, Integer> idx, boolean listArg) {
        List<Object> ts = new ArrayList<>();
        for (KerasTensor in : call.inputs()) ts.add(tensor(in, idx));
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("args", listArg ? new ArrayList<>(List.of(ts)) : ts);
        n.put("kwargs", new LinkedHashMap<>());
        return n;
    }

    /** A {@code KerasTensor} as {@code serialization_lib} writes it. */
    private static Map<String, Object> tensor(KerasTensor t, Map<KerasTensor, Integer> idx) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("shape", ModelConfig.batchShape(t.shape()));
        c.put("dtype", "float32");
        c.put("keras_history", history(t, idx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "__keras_tensor__");
        m.put("config", c);
        return m;
    }

    private static List<Object> history(KerasTensor t, Map<KerasTensor, Integer> idx) {
        return new ArrayList<>(List.of(t.isInput() ? t.name() : name(t.producer()), t.isInput() ? 0 : idx.get(t), 0));
    }

    private static String name(Object producer) {
        return producer instanceof Layer l ? l.name() : ((Model) producer).name();
    }

    /** {@code input_layers} / {@code output_layers}: here a nested model's calls count from 1 ({@code get_config}'s {@code kept_nodes}). */
    private static Object tensors(List<KerasTensor> ts, Map<KerasTensor, Integer> idx) {
        List<Object> out = new ArrayList<>();
        for (KerasTensor t : ts) {
            List<Object> h = history(t, idx);
            if (t.producer() instanceof Functional) h.set(1, (Integer) h.get(1) + 1);
            out.add(h);
        }
        return ts.size() == 1 ? out.get(0) : out;
    }

    // ---------------------------------------------------------------- reading

    /** Bounds the work of a hostile config: nested models and the passes over the layers. */
    private static final int MAX_NESTING = 32;

    /** The functional model of {@code config} (the map under {@code "config"}), built, with fresh weights. */
    static Functional deserialize(Map<String, Object> config, String file, String where) {
        return new Reader(file).model(config, where, 0);
    }

    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        /** A called thing of the graph: a layer, a nested model, or an input; and the outputs of its calls so far. */
        private static final class Op {
            final Object target;
            final List<KerasTensor> outputs = new ArrayList<>();
            final List<Object> pending = new ArrayList<>();
            final String where;

            Op(Object target, String where) {
                this.target = target;
                this.where = where;
            }
        }

        @SuppressWarnings("unchecked")
        Functional model(Map<String, Object> config, String where, int depth) {
            if (depth > MAX_NESTING) throw new KerasFileException(file, where, "models nested more than " + MAX_NESTING + " deep");
            if (!(config.get("layers") instanceof List)) throw new KerasFileException(file, where + ".layers", "a functional config needs a list of layers");
            List<Object> layers = (List<Object>) config.get("layers");
            Map<String, Op> ops = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                String w = where + ".layers[" + i + "]";
                if (!(layers.get(i) instanceof Map)) throw new KerasFileException(file, w, "expected a layer object");
                Map<String, Object> lm = (Map<String, Object>) layers.get(i);
                Object cls = lm.get("class_name");
                if (!(cls instanceof String)) throw new KerasFileException(file, w, "layer without class_name");
                if (!(lm.get("config") instanceof Map)) throw new KerasFileException(file, w, "layer " + cls + " without a config object");
                Map<String, Object> raw = HardSigmoidKeras2.fromKeras3((Map<String, Object>) lm.get("config"));
                Object name = lm.containsKey("name") ? lm.get("name") : raw.get("name");
                if (!(name instanceof String)) throw new KerasFileException(file, w, "layer " + cls + " without a name");
                if (ops.containsKey(name)) throw new KerasFileException(file, w, "two layers are named '" + name + "'");
                w = w + " (" + cls + " '" + name + "')";
                Op op;
                if (cls.equals("InputLayer")) {
                    int[] shape = ModelConfig.shapeOf(raw, file, w);
                    if (shape == null) throw new KerasFileException(file, w, "an InputLayer needs batch_shape");
                    op = new Op(null, w);
                    op.outputs.add(new KerasTensor(shape, name, List.of(), (String) name));
                } else if (cls.equals("Functional") || cls.equals("Model")) {
                    Functional inner = model(raw, w + ".config", depth + 1);
                    op = new Op(inner, w);
                } else {
                    Map<String, Object> lc = LegacyConfigs.convert((String) cls, raw);
                    for (String k : List.of("batch_input_shape", "batch_shape", "input_shape")) lc.remove(k);
                    try {
                        op = new Op(Layers.fromConfig(LegacyConfigs.className((String) cls), lc), w);
                    } catch (RuntimeException e) {
                        throw new KerasFileException(file, w, String.valueOf(e.getMessage()), e);
                    }
                }
                Object inbound = lm.get("inbound_nodes");
                if (inbound != null && !(inbound instanceof List)) throw new KerasFileException(file, w + ".inbound_nodes", "expected a list");
                if (inbound != null) op.pending.addAll((List<Object>) inbound);
                ops.put((String) name, op);
            }
            // Keras's loop: pass over the layers, calling each on its next nodes while their inputs exist
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Op op : ops.values()) {
                    while (!op.pending.isEmpty()) {
                        List<KerasTensor> args = arguments(op.pending.get(0), ops, op.where);
                        if (args == null) break;
                        op.outputs.add(call(op, args, op.pending.get(0)));
                        op.pending.remove(0);
                        progress = true;
                    }
                }
            }
            for (Op op : ops.values()) {
                if (!op.pending.isEmpty()) {
                    throw new KerasFileException(file, op.where + ".inbound_nodes", "the graph has a cycle or a node whose inputs"
                            + " are never computed (" + op.pending.size() + " call(s) left)");
                }
            }
            List<KerasTensor> ins = tensors(config.get("input_layers"), ops, where + ".input_layers");
            List<KerasTensor> outs = tensors(config.get("output_layers"), ops, where + ".output_layers");
            Functional f;
            try {
                f = Model.of(ins, outs);
            } catch (RuntimeException e) {
                throw new KerasFileException(file, where, String.valueOf(e.getMessage()), e);
            }
            if (config.get("name") instanceof String n && !n.isBlank()) f.name(n);
            return f;
        }

        private KerasTensor call(Op op, List<KerasTensor> args, Object node) {
            try {
                if (op.target instanceof Functional f) return f.apply(args.toArray(new KerasTensor[0]));
                if (op.target == null) throw new IllegalArgumentException("an InputLayer is not called on tensors");
                return ((Layer) op.target).apply(args.toArray(new KerasTensor[0]));
            } catch (RuntimeException e) {
                throw new KerasFileException(file, op.where, String.valueOf(e.getMessage()), e);
            }
        }

        /** The input tensors of a node, or null when one of them is not computed yet. */
        @SuppressWarnings("unchecked")
        private List<KerasTensor> arguments(Object node, Map<String, Op> ops, String where) {
            List<Object> refs = new ArrayList<>();
            if (node instanceof List) {
                // Keras 1/2: [["dense_1", 0, 0, {}], ...]
                for (Object r : (List<Object>) node) refs.add(r);
            } else if (node instanceof Map) {
                Map<String, Object> n = (Map<String, Object>) node;
                if (!(n.get("args") instanceof List)) throw new KerasFileException(file, where + ".inbound_nodes", "a node without args");
                Object kw = n.get("kwargs");
                if (kw instanceof Map) {
                    for (Map.Entry<String, Object> e : ((Map<String, Object>) kw).entrySet()) {
                        if (e.getValue() != null && !(e.getKey().equals("training") || e.getKey().equals("mask"))) {
                            throw new KerasFileException(file, where + ".inbound_nodes", "call argument '" + e.getKey()
                                    + "' is not supported");
                        }
                    }
                }
                List<Object> args = (List<Object>) n.get("args");
                if (args.size() != 1) throw new KerasFileException(file, where + ".inbound_nodes", "expected one positional argument, got " + args.size());
                Object a = args.get(0);
                if (a instanceof List) refs.addAll((List<Object>) a);
                else refs.add(a);
            } else {
                throw new KerasFileException(file, where + ".inbound_nodes", "unexpected node " + Json.typeName(node));
            }
            if (refs.isEmpty()) throw new KerasFileException(file, where + ".inbound_nodes", "a node without inputs");
            List<KerasTensor> out = new ArrayList<>();
            for (Object r : refs) {
                Object history = r;
                if (r instanceof Map) {
                    Map<String, Object> t = (Map<String, Object>) r;
                    if (!"__keras_tensor__".equals(t.get("class_name")) || !(t.get("config") instanceof Map)) {
                        throw new KerasFileException(file, where + ".inbound_nodes", "expected a __keras_tensor__, got " + t.get("class_name"));
                    }
                    history = ((Map<String, Object>) t.get("config")).get("keras_history");
                }
                KerasTensor x = resolve(history, ops, where + ".inbound_nodes", false, node instanceof List);
                if (x == null) return null;
                out.add(x);
            }
            return out;
        }

        /**
         * The tensor {@code [layer name, node index, tensor index]} names; null when that call is not
         * made yet (unless {@code required}). A nested model's node 0 is its own in
         * {@code input_layers}/{@code output_layers} ({@code required}) and everywhere in Keras 1/2
         * ({@code legacy}), whose models made a node when built; Keras 3's node arguments count its calls from 0.
         */
        private KerasTensor resolve(Object history, Map<String, Op> ops, String where, boolean required, boolean legacy) {
            if (!(history instanceof List<?> h) || h.size() < 3 || !(h.get(0) instanceof String) || !(h.get(1) instanceof Number)
                    || !(h.get(2) instanceof Number)) {
                throw new KerasFileException(file, where, "expected [layer name, node index, tensor index], got " + history);
            }
            Op op = ops.get(h.get(0));
            if (op == null) throw new KerasFileException(file, where, "unknown layer '" + h.get(0) + "'");
            long node = ((Number) h.get(1)).longValue(), tensor = ((Number) h.get(2)).longValue();
            if (op.target instanceof Functional && (required || legacy)) node -= 1;
            if (tensor != 0) throw new KerasFileException(file, where, "layer '" + h.get(0) + "' has one output; tensor index " + tensor);
            if (node < 0 || node > Integer.MAX_VALUE) throw new KerasFileException(file, where, "invalid node index " + h.get(1));
            if (node >= op.outputs.size()) {
                if (required) throw new KerasFileException(file, where, "layer '" + h.get(0) + "' has no node " + h.get(1));
                return null;
            }
            return op.outputs.get((int) node);
        }

        @SuppressWarnings("unchecked")
        private List<KerasTensor> tensors(Object spec, Map<String, Op> ops, String where) {
            if (!(spec instanceof List<?> l) || l.isEmpty()) throw new KerasFileException(file, where, "expected a list of tensors");
            List<KerasTensor> out = new ArrayList<>();
            if (l.get(0) instanceof String) out.add(resolve(l, ops, where, true, false));
            else for (Object o : l) out.add(resolve(o, ops, where, true, false));
            return out;
        }
    }

    /** Whether a model's {@code class_name} is a functional model's (Keras 3 {@code Functional}, Keras 2 also {@code Model}). */
    static boolean isFunctional(Object className) {
        return "Functional".equals(className) || "Model".equals(className);
    }

    /** The names of {@link #operations}, in that order. */
    static List<String> operationNames(Functional f) {
        List<String> n = new ArrayList<>();
        for (Object op : operations(f)) n.add(op instanceof KerasTensor t ? t.name() : name(op));
        return n;
    }
}
