package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.keras4j.NDArray;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 1/2 full-model {@code .h5} files (and the {@code .h5} Keras 3 still writes with
 * {@code save("m.h5")}):
 * <pre>
 * /@model_config     the model's config, JSON (Keras 1, 2 or 3 form: see {@link LegacyConfigs})
 * /@training_config  loss, metrics and optimizer_config, JSON
 * /@keras_version, /@backend ("tensorflow" or "theano")
 * /model_weights/@layer_names
 * /model_weights/&lt;layer&gt;/@weight_names   e.g. ["dense_1/kernel:0", "dense_1/bias:0"] (Keras 2),
 *                                      ["dense_1_W", "dense_1_b"] (Keras 1), ["kernel", "bias"] (Keras 3)
 * /model_weights/&lt;layer&gt;/&lt;weight name&gt;  the datasets, by those relative paths
 * </pre>
 * A weights-only Keras 2 file has the {@code model_weights} layout at its root. Weights are turned
 * into Keras 3's layout before they reach the layer ({@link LegacyWeights}).
 */
public final class LegacyH5 {
    private LegacyH5() {}

    /** Loads a full-model legacy {@code .h5}. */
    @SuppressWarnings("unchecked")
    public static Model load(HdfFile h, long size, String file) {
        String mc = H5.stringAttribute(h, "model_config", size, file);
        if (mc == null) {
            throw new KerasFileException(file, "/@model_config", "no model config: this is a weights-only file; "
                    + "build the model and call loadWeights");
        }
        Map<String, Object> config = Json.parseObject(mc, file + ": @model_config");
        if (LegacyConfigs.beforeKeras3(H5.stringAttribute(h, "keras_version", size, file))) {
            config = LegacyConfigs.keras2Activations(config);
        }
        String tc = H5.stringAttribute(h, "training_config", size, file);
        Model model = ModelConfig.deserialize(config, null, file + ": @model_config", size);
        if (tc != null) {
            compileQuietly(model, Json.parseObject(tc, file + ": @training_config"), file);
        }
        Group weights = H5.group(h, "model_weights", file);
        if (weights == null) throw new KerasFileException(file, "/model_weights", "missing group");
        String backend = H5.stringAttribute(h, "backend", size, file);
        loadWeights(h, weights, model, size, file, config, backend);
        return model;
    }

    /** Keras 2 compiled with a loss or optimizer keras4j lacks: the model loads uncompiled, as Keras does with a warning. */
    private static void compileQuietly(Model model, Map<String, Object> training, String file) {
        try {
            Map<String, Object> c = new java.util.LinkedHashMap<>(training);
            if (!c.containsKey("optimizer")) c.put("optimizer", c.get("optimizer_config"));
            ModelConfig.compile(model, c, file);
        } catch (KerasFileException | IllegalArgumentException e) {
            // left uncompiled
        }
    }

    /** Weights from a legacy weights layout rooted at {@code g} (a full model's /model_weights or a weights file's root). */
    static void loadWeights(HdfFile h, Group g, Model model, long size, String file) {
        loadWeights(h, g, model, size, file, null, H5.stringAttribute(h, "backend", size, file));
    }

    @SuppressWarnings("unchecked")
    private static void loadWeights(HdfFile h, Group g, Model model, long size, String file, Map<String, Object> config, String backend) {
        List<String> names = H5.stringListAttribute(g, "layer_names", size, file);
        if (names.isEmpty()) names = H5.children(g, file);
        Map<String, List<H5.Array>> byLayer = new HashMap<>();
        for (String ln : names) {
            Group lg = H5.group(g, ln, file);
            if (lg == null) throw new KerasFileException(file, g.getPath() + ln, "layer group named in layer_names is missing");
            List<String> wn = H5.stringListAttribute(lg, "weight_names", size, file);
            List<H5.Array> arrays = new ArrayList<>();
            for (String w : wn) arrays.add(WeightsFile.dataset(lg, w, size, file));
            byLayer.put(ln, arrays);
        }
        Map<String, String> classes = layerClasses(config);
        Map<Variable, NDArray> values = new java.util.IdentityHashMap<>();
        for (Layer l : StateTree.leafLayers(model)) {
            List<Variable> ws = l.weights();
            List<H5.Array> found = byLayer.get(l.name());
            if (found == null) found = List.of();
            String cls = classes.getOrDefault(l.name(), l.getClass().getSimpleName());
            List<H5.Array> converted = LegacyWeights.toKeras3(cls, found, backend, file, g.getPath() + l.name());
            if (converted.size() != ws.size()) {
                throw new KerasFileException(file, g.getPath() + l.name(), l.describe() + " has " + ws.size()
                        + " weights, the file has " + converted.size());
            }
            for (int i = 0; i < ws.size(); i++) {
                H5.Array a = converted.get(i);
                if (!Arrays.equals(a.shape, ws.get(i).shape())) {
                    throw new KerasFileException(file, g.getPath() + l.name(), l.describe() + " weight " + i + " has shape "
                            + NDArray.shapeString(ws.get(i).shape()) + ", the file has " + NDArray.shapeString(a.shape));
                }
                values.put(ws.get(i), NDArray.of(a.data, a.shape));
            }
        }
        List<NDArray> ordered = new ArrayList<>();
        for (Variable v : StateTree.setWeightsOrder(model)) ordered.add(values.get(v));
        model.setWeights(ordered);
    }

    /** The original class name of each layer (Keras 1 names matter for weight conversion), by layer name. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> layerClasses(Map<String, Object> config) {
        Map<String, String> out = new HashMap<>();
        if (config == null) return out;
        Object c = config.get("config");
        Object layers = c instanceof List ? c : c instanceof Map ? ((Map<String, Object>) c).get("layers") : null;
        if (!(layers instanceof List)) return out;
        for (Object o : (List<Object>) layers) {
            if (!(o instanceof Map)) continue;
            Map<String, Object> m = (Map<String, Object>) o;
            Object lc = m.get("config");
            if (lc instanceof Map && ((Map<String, Object>) lc).get("name") instanceof String && m.get("class_name") instanceof String) {
                out.put((String) ((Map<String, Object>) lc).get("name"), (String) m.get("class_name"));
            }
        }
        return out;
    }
}
