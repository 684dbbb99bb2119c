package io.keras4j.saving;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.losses.Loss;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model to and from Keras 3's serialized config ({@code config.json} of a {@code .keras} file,
 * {@code model.to_json()}), and from the {@code model_config} of Keras 1/2 {@code .h5} files.
 * <pre>
 * {"module": "keras", "class_name": "Sequential", "config": {"name": ..., "trainable": true, "dtype": {DTypePolicy},
 *   "layers": [{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4], ...}},
 *              {"module": "keras.layers", "class_name": "Dense", "config": {...}, "registered_name": null,
 *               "build_config": {"input_shape": [null, 4]}}, ...],
 *   "build_input_shape": [null, 4]},
 *  "registered_name": null, "build_config": {"input_shape": [null, 4]}, "compile_config": {...}}
 * </pre>
 * Functional models ({@code class_name} {@code "Functional"}, Keras 2's {@code "Model"}) are
 * written and read by {@link FunctionalConfig}.
 */
public final class ModelConfig {
    private ModelConfig() {}

    /** The Keras 3 serialized form of {@code model}; {@code withCompile} adds {@code compile_config} (for {@code .keras}). */
    public static Map<String, Object> serialize(Model model, boolean withCompile) {
        // Sequential first: its format stays Keras's Sequential one even if it becomes a kind of functional model
        if (!(model instanceof Sequential) && model instanceof Functional f) {
            Map<String, Object> m = FunctionalConfig.serialize(f);
            if (withCompile && f.getOptimizer() != null) m.put("compile_config", compileConfig(f));
            return m;
        }
        if (!(model instanceof Sequential)) {
            throw new IllegalArgumentException("saving " + model.getClass().getSimpleName() + " models is not supported; Sequential and Functional are");
        }
        Sequential s = (Sequential) model;
        int[] in = s.inputShape();
        List<Object> layers = new ArrayList<>();
        if (in != null) layers.add(object("keras.layers", "InputLayer", inputLayerConfig(in, "input_layer"), null));
        int[] shape = in;
        for (Layer l : s.layers()) {
            Map<String, Object> lc = layerConfig(l);
            Map<String, Object> build = null;
            if (shape != null) {
                build = new LinkedHashMap<>();
                build.put("input_shape", batchShape(shape));
                shape = l.computeOutputShape(shape);
            }
            layers.add(object("keras.layers", l.getClass().getSimpleName(), lc, build));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", s.name());
        c.put("trainable", true);
        c.put("dtype", dtypePolicy());
        c.put("layers", layers);
        if (in != null) c.put("build_input_shape", batchShape(in));
        Map<String, Object> build = null;
        if (in != null) {
            build = new LinkedHashMap<>();
            build.put("input_shape", batchShape(in));
        }
        Map<String, Object> m = object("keras", "Sequential", c, build);
        if (withCompile && s.getOptimizer() != null) m.put("compile_config", compileConfig(s));
        return m;
    }

    /** An {@code InputLayer}'s config, as Keras 3.12 writes it. */
    static Map<String, Object> inputLayerConfig(int[] shape, String name) {
        Map<String, Object> ic = new LinkedHashMap<>();
        ic.put("batch_shape", batchShape(shape));
        ic.put("dtype", "float32");
        ic.put("sparse", false);
        ic.put("ragged", false);
        ic.put("name", name);
        return ic;
    }

    static Map<String, Object> object(String module, String cls, Object config, Map<String, Object> build) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", cls);
        m.put("config", config);
        m.put("registered_name", null);
        if (build != null) m.put("build_config", build);
        return m;
    }

    private static Map<String, Object> dtypePolicy() {
        Map<String, Object> dc = new LinkedHashMap<>();
        dc.put("name", "float32");
        Map<String, Object> d = object("keras", "DTypePolicy", dc, null);
        return d;
    }

    /** A layer's config as Keras 3 writes it: the dtype as a DTypePolicy, initializers as serialized objects. */
    static Map<String, Object> layerConfig(Layer l) {
        return HardSigmoidKeras2.toKeras3(keras3Config(l.getConfig()));
    }

    /** {@link #layerConfig} of a config map; a wrapper's layers ({@code layer}, {@code backward_layer}) likewise. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> keras3Config(Map<String, Object> config) {
        Map<String, Object> lc = new LinkedHashMap<>(config);
        if ("float32".equals(lc.get("dtype"))) lc.put("dtype", dtypePolicy());
        for (Map.Entry<String, Object> e : lc.entrySet()) {
            if (e.getKey().endsWith("_initializer") && e.getValue() instanceof String) {
                String n = (String) e.getValue();
                Map<String, Object> ic = new LinkedHashMap<>();
                if (!n.equals("zeros") && !n.equals("ones")) ic.put("seed", null);
                e.setValue(object("keras.initializers", LegacyConfigs.camel(n), ic, null));
            } else if ((e.getKey().equals("layer") || e.getKey().equals("backward_layer")) && e.getValue() instanceof Map
                    && ((Map<String, Object>) e.getValue()).get("config") instanceof Map) {
                Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) e.getValue());
                inner.put("config", keras3Config((Map<String, Object>) inner.get("config")));
                e.setValue(inner);
            }
        }
        // a layer with a kernel writes Keras 3's regularizer and constraint keys, null when it has none
        if (lc.containsKey("kernel_initializer")) {
            for (String k : List.of("kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint")) {
                lc.putIfAbsent(k, null);
            }
        }
        return lc;
    }

    static List<Object> batchShape(int[] s) {
        List<Object> l = new ArrayList<>();
        l.add(null);
        for (int d : s) l.add(d);
        return l;
    }

    private static Map<String, Object> compileConfig(Sequential s) {
        return compileConfig(s.getOptimizer(), LossConfigs.serialize(s.getLoss()), null, s.getMetricNames());
    }

    /** One loss for a model of one output, else a list with one per output (Keras's {@code compile(loss=[...])}). */
    private static Map<String, Object> compileConfig(Functional f) {
        List<Loss> ls = f.getLosses();
        Object loss;
        if (ls.size() == 1) loss = LossConfigs.serialize(ls.get(0));
        else {
            List<Object> l = new ArrayList<>();
            for (Loss x : ls) l.add(LossConfigs.serialize(x));
            loss = l;
        }
        List<Double> w = f.getLossWeights();
        boolean ones = true;
        for (double x : w) ones &= x == 1.0;
        return compileConfig(f.getOptimizer(), loss, ones ? null : new ArrayList<Object>(w), f.getMetricNames());
    }

    private static Map<String, Object> compileConfig(Optimizer o, Object loss, Object lossWeights, List<String> metrics) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", OptimizerConfigs.serialize(o));
        c.put("loss", loss);
        c.put("loss_weights", lossWeights);
        c.put("metrics", new ArrayList<>(metrics));
        c.put("weighted_metrics", null);
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The model of a serialized config (Keras 3, or Keras 1/2's {@code model_config}), built, and
     * compiled when {@code compile} is given and holds an optimizer and loss keras4j knows.
     */
    public static Model deserialize(Map<String, Object> m, Object compile, String file) {
        return deserialize(m, compile, file, -1);
    }

    /**
     * As {@link #deserialize(Map, Object, String)}, with the layers' weights bounded to
     * {@code maxWeightBytes} (the size of the file that must hold them; negative: no bound).
     */
    public static Model deserialize(Map<String, Object> m, Object compile, String file, long maxWeightBytes) {
        if (maxWeightBytes < 0) return build(m, compile, file);
        try (io.keras4j.layers.WeightBudget b = io.keras4j.layers.WeightBudget.limit(maxWeightBytes)) {
            return build(m, compile, file);
        }
    }

    @SuppressWarnings("unchecked")
    private static Model build(Map<String, Object> m, Object compile, String file) {
        Object cn = m.get("class_name");
        if (FunctionalConfig.isFunctional(cn)) {
            if (!(m.get("config") instanceof Map)) throw new KerasFileException(file, "config", "a functional config must be an object");
            Functional f = FunctionalConfig.deserialize((Map<String, Object>) m.get("config"), file, "config");
            compileOrWarn(f, compile, file);
            return f;
        }
        if (!"Sequential".equals(cn)) {
            throw new KerasFileException(file, "class_name", "expected a Sequential or Functional model, got " + cn);
        }
        Object cfg = m.get("config");
        List<Object> layers;
        String name = null;
        if (cfg instanceof List) layers = (List<Object>) cfg; // Keras 1 and early Keras 2: the layer list itself
        else if (cfg instanceof Map && ((Map<String, Object>) cfg).get("layers") instanceof List) {
            layers = (List<Object>) ((Map<String, Object>) cfg).get("layers");
            Object n = ((Map<String, Object>) cfg).get("name");
            if (n instanceof String) name = (String) n;
        } else throw new KerasFileException(file, "config", "a Sequential config needs a list of layers");
        Sequential model = new Sequential();
        if (name != null && !name.isEmpty()) model.name(name);
        int[] inputShape = null;
        boolean first = true;
        for (int i = 0; i < layers.size(); i++) {
            String where = "config.layers[" + i + "]";
            if (!(layers.get(i) instanceof Map)) throw new KerasFileException(file, where, "expected a layer object");
            Map<String, Object> lm = (Map<String, Object>) layers.get(i);
            Object lcn = lm.get("class_name");
            if (!(lcn instanceof String)) throw new KerasFileException(file, where, "layer without class_name");
            Object lcfg = lm.get("config");
            if (!(lcfg instanceof Map)) throw new KerasFileException(file, where, "layer " + lcn + " without a config object");
            Map<String, Object> raw = HardSigmoidKeras2.fromKeras3((Map<String, Object>) lcfg);
            if (lcn.equals("InputLayer")) {
                inputShape = shapeOf(raw, file, where);
                continue;
            }
            String cls = LegacyConfigs.className((String) lcn);
            Map<String, Object> lc = LegacyConfigs.convert((String) lcn, raw);
            if (first && inputShape == null) inputShape = shapeOf(raw, file, where);
            if (first && inputShape == null && lm.get("build_config") instanceof Map) {
                inputShape = LegacyConfigs.shapeWithoutBatch(((Map<String, Object>) lm.get("build_config")).get("input_shape"));
            }
            for (String k : List.of("batch_input_shape", "batch_shape", "input_shape")) lc.remove(k);
            Layer layer;
            try {
                layer = Layers.fromConfig(cls, lc);
                if (first && inputShape != null) layer.inputShape(inputShape);
                model.add(layer);
            } catch (RuntimeException e) {
                throw new KerasFileException(file, where + " (" + lcn + " '" + raw.get("name") + "')", String.valueOf(e.getMessage()), e);
            }
            first = false;
        }
        if (layers.isEmpty() || first) throw new KerasFileException(file, "config.layers", "the model has no layers");
        compileOrWarn(model, compile, file);
        return model;
    }

    private static void compileOrWarn(Model model, Object compile, String file) {
        if (compile == null) return;
        try {
            compile(model, compile, file);
        } catch (KerasFileException e) {
            // as Keras 3: a compile_config that cannot be restored leaves the model uncompiled, with a warning
            System.err.println("keras4j: WARNING: the model was loaded uncompiled: " + e.getMessage());
        }
    }

    static int[] shapeOf(Map<String, Object> raw, String file, String where) {
        for (String k : List.of("batch_shape", "batch_input_shape")) {
            if (raw.containsKey(k)) {
                int[] s = LegacyConfigs.shapeWithoutBatch(raw.get(k));
                if (s == null) throw new KerasFileException(file, where + "." + k, "the input shape must be fully known, got " + raw.get(k));
                return s;
            }
        }
        if (raw.get("input_shape") instanceof List) {
            List<Object> l = new ArrayList<>();
            l.add(null);
            l.addAll((List<?>) raw.get("input_shape"));
            return LegacyConfigs.shapeWithoutBatch(l);
        }
        if (raw.get("input_dim") instanceof Number) return new int[] {((Number) raw.get("input_dim")).intValue()};
        return null;
    }

    /** Compiles from Keras 3's {@code compile_config} or Keras 2's {@code training_config}. */
    @SuppressWarnings("unchecked")
    static void compile(Model model, Object spec, String file) {
        if (!(spec instanceof Map)) return;
        Map<String, Object> c = (Map<String, Object>) spec;
        Object opt = c.containsKey("optimizer") ? c.get("optimizer") : c.get("optimizer_config");
        if (opt == null) return;
        Optimizer o = OptimizerConfigs.deserialize(opt, file, "compile_config.optimizer");
        List<String> metrics = new ArrayList<>();
        if (c.get("metrics") instanceof List) {
            for (Object x : (List<Object>) c.get("metrics")) if (x instanceof String) metrics.add((String) x);
        }
        try {
            if (!(model instanceof Sequential) && model instanceof Functional f) {
                compileFunctional(f, o, c, metrics, file);
                return;
            }
            Loss loss = LossConfigs.deserialize(c.get("loss"), file, "compile_config.loss");
            model.compile(o, loss, metrics.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file, "compile_config", e.getMessage(), e);
        }
    }

    /**
     * Keras's {@code compile(loss=..., loss_weights=...)} of a functional model: one loss for every
     * output, a list with one per output, or (Keras 2) a dict by output name; the weights likewise.
     */
    @SuppressWarnings("unchecked")
    private static void compileFunctional(Functional f, Optimizer o, Map<String, Object> c, List<String> metrics, String file) {
        List<String> names = new ArrayList<>();
        for (io.keras4j.KerasTensor t : f.outputs()) names.add(t.name());
        Object spec = c.get("loss");
        List<Object> per = perOutput(spec, names, file, "compile_config.loss");
        Loss[] losses = new Loss[names.size()];
        for (int i = 0; i < losses.length; i++) losses[i] = LossConfigs.deserialize(per.get(i), file, "compile_config.loss[" + i + "]");
        List<Double> weights = null;
        if (c.get("loss_weights") != null) {
            weights = new ArrayList<>();
            for (Object w : perOutput(c.get("loss_weights"), names, file, "compile_config.loss_weights")) {
                if (!(w instanceof Number)) throw new KerasFileException(file, "compile_config.loss_weights", "expected numbers, got " + w);
                weights.add(((Number) w).doubleValue());
            }
        }
        f.compile(o, losses, weights, metrics.toArray(new String[0]));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> perOutput(Object spec, List<String> names, String file, String where) {
        List<Object> out = new ArrayList<>();
        if (spec instanceof List) {
            out.addAll((List<Object>) spec);
            if (out.size() != names.size()) {
                throw new KerasFileException(file, where, "the model has " + names.size() + " outputs " + names + ", the list has " + out.size());
            }
        } else if (spec instanceof Map && !((Map<String, Object>) spec).containsKey("class_name")) {
            Map<String, Object> byName = (Map<String, Object>) spec;
            for (String n : names) {
                if (!byName.containsKey(n)) throw new KerasFileException(file, where, "no entry for output '" + n + "' in " + byName.keySet());
                out.add(byName.get(n));
            }
        } else {
            for (int i = 0; i < names.size(); i++) out.add(spec);
        }
        return out;
    }
}
