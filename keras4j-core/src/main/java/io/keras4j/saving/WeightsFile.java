package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.keras4j.NDArray;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's {@code .weights.h5} layout, the weights of {@code model.save_weights} and the
 * {@code model.weights.h5} entry of a {@code .keras} zip:
 * <pre>
 * /layers/&lt;layer path&gt;/vars/0, 1, ...   each layer's variables in Keras order (@name = layer name, as
 *                                    Keras 3.10+ writes; a layer without weights has an empty vars group);
 *                                    the paths, nested for RNN cells, wrappers and nested models, are {@link StateTree}'s
 * /optimizer/vars/0                  iterations (int64 scalar)      (.keras only)
 * /optimizer/vars/1                  learning_rate (float32 scalar)
 * /optimizer/vars/2, 3, ...          per trainable variable, its slots (Adam: m, v; SGD: momentum ...)
 * /vars                              the model's own variables (none; @name = the model's name)
 * </pre>
 * The first Keras 3 format (TensorFlow 2.13-2.15's {@code keras_v3}) named the layers' group
 * {@code _layer_checkpoint_dependencies} instead of {@code layers}; both are read.
 * Legacy Keras 2 weights files ({@code layer_names}, {@code weight_names}) are read by {@link LegacyH5}.
 */
public final class WeightsFile {
    private WeightsFile() {}

    /** {@code model.save_weights(path)}. */
    public static void save(Model model, Path path) {
        requireBuilt(model, path);
        AtomicWrite.write(path, tmp -> H5.write(tmp, root -> writeTree(root, model, false)));
    }

    static void writeTree(WritableGroup root, Model model, boolean withOptimizer) {
        StateTree tree = StateTree.of(model);
        Map<String, WritableGroup> groups = new HashMap<>();
        groups.put("", root);
        for (StateTree.Entry e : tree.entries) {
            if (e.path().isEmpty()) continue; // the model's own vars, written last
            WritableGroup vars = group(groups, e.varsPath());
            vars.putAttribute("name", e.name());
            List<Variable> ws = e.vars();
            for (int i = 0; i < ws.size(); i++) vars.putDataset(Integer.toString(i), shaped(ws.get(i)));
        }
        Optimizer o = model.getOptimizer();
        if (withOptimizer && o != null) {
            WritableGroup vars = root.putGroup("optimizer").putGroup("vars");
            vars.putAttribute("name", o.name().toLowerCase(java.util.Locale.ROOT));
            vars.putDataset("0", Long.valueOf(o.iterations()));
            vars.putDataset("1", Float.valueOf((float) o.getLearningRate()));
            int k = 2;
            for (Variable v : trainable(tree.variables)) {
                for (int slot = 0; slot < o.numSlots(); slot++) {
                    float[] a = o.slot(slot);
                    if (a == null || a.length < v.off + v.size()) continue;
                    vars.putDataset(Integer.toString(k++), shaped(Arrays.copyOfRange(a, v.off, v.off + v.size()), v.shape()));
                }
            }
        }
        root.putGroup("vars").putAttribute("name", model.name());
    }

    /** Keras's optimizer state covers the trainable variables only (BatchNormalization's moving statistics have none). */
    private static List<Variable> trainable(List<Variable> vs) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : vs) if (v.trainable()) out.add(v);
        return out;
    }

    /** The group at {@code path}, made with its parents as needed. */
    private static WritableGroup group(Map<String, WritableGroup> groups, String path) {
        WritableGroup g = groups.get(path);
        if (g != null) return g;
        int slash = path.lastIndexOf('/');
        WritableGroup parent = slash < 0 ? groups.get("") : group(groups, path.substring(0, slash));
        g = parent.putGroup(path.substring(slash + 1));
        groups.put(path, g);
        return g;
    }

    private static Object shaped(Variable v) {
        return shaped(Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape());
    }

    /** A nested Java array of {@code shape} holding {@code flat}, as jhdf writes n-dimensional datasets. */
    static Object shaped(float[] flat, int[] shape) {
        if (shape.length == 0) return Float.valueOf(flat[0]);
        if (shape.length == 1) return flat;
        int rest = flat.length / Math.max(shape[0], 1);
        Class<?> cls = float.class;
        for (int i = 1; i < shape.length; i++) cls = java.lang.reflect.Array.newInstance(cls, 0).getClass();
        Object out = java.lang.reflect.Array.newInstance(cls, shape[0]);
        int[] sub = Arrays.copyOfRange(shape, 1, shape.length);
        for (int i = 0; i < shape[0]; i++) {
            java.lang.reflect.Array.set(out, i, shaped(Arrays.copyOfRange(flat, i * rest, (i + 1) * rest), sub));
        }
        return out;
    }

    /** {@code model.load_weights(path)}: a Keras 3 {@code .weights.h5}, a {@code .keras} file's weights, or a legacy Keras 2 weights file. */
    public static void load(Model model, Path path) {
        String file = path.toString();
        byte[] bytes = Limits.readFile(path);
        requireBuilt(model, path);
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            byte[] w = KerasArchive.entries(bytes, file).get("model.weights.h5");
            if (w == null) throw new KerasFileException(file, "model.weights.h5", "missing entry");
            file = file + ": model.weights.h5";
            bytes = w;
        }
        try (HdfFile h = H5.open(bytes, file)) {
            boolean keras3 = H5.node(h, "layers", file) != null || H5.node(h, "_layer_checkpoint_dependencies", file) != null;
            if (keras3) readTree(h, model, bytes.length, file, false);
            else LegacyH5.loadWeights(h, h, model, bytes.length, file);
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, null, "invalid weights file: " + e, e);
        }
    }

    /**
     * Sets {@code model}'s weights (and optimizer state, when asked and present) from a Keras 3
     * weights tree. Each layer is read from Keras 3's nested groups ({@link StateTree}: an LSTM's
     * {@code cell/vars}, a Bidirectional's {@code forward_layer/cell/vars}, ...) or, where those are
     * absent, from the flat {@code <layer path>/vars} of files keras4j wrote before it followed
     * Keras 3 there; from the first Keras 3 format's {@code _layer_checkpoint_dependencies/<layer name>};
     * a Sequential also from groups named by layer name (older keras4j).
     */
    static void readTree(Group h, Model model, long size, String file, boolean withOptimizer) {
        StateTree tree = StateTree.of(model);
        Map<Variable, NDArray> values = new IdentityHashMap<>();
        for (StateTree.Slot slot : tree.slots) readLayer(h, slot, model instanceof Sequential, values, size, file);
        List<NDArray> ordered = new ArrayList<>();
        for (Variable v : StateTree.setWeightsOrder(model)) ordered.add(values.get(v));
        model.setWeights(ordered);
        Optimizer o = model.getOptimizer();
        if (!withOptimizer || o == null || H5.group(h, "optimizer/vars", file) == null) return;
        Group ov = H5.group(h, "optimizer/vars", file);
        int found = H5.children(ov, file).size();
        List<Variable> all = trainable(tree.variables);
        if (found != 2 + all.size() * o.numSlots() && found == 2 + tree.variables.size() * o.numSlots()) {
            all = tree.variables; // keras4j before it followed Keras 3 here wrote slots for the non-trainable variables too
        }
        int expected = 2 + all.size() * o.numSlots();
        if (found != expected) {
            // another optimizer configuration (e.g. SGD without momentum): Keras warns and skips the state
            System.err.println("keras4j: WARNING: " + file + ": /optimizer/vars has " + found + " variables, the optimizer "
                    + o.name() + " needs " + expected + "; its state was not restored");
            return;
        }
        long it = dataset(h, "optimizer/vars/0", size, file).longValue();
        int k = 2;
        for (Variable v : all) {
            for (int slot = 0; slot < o.numSlots(); slot++) {
                H5.Array a = dataset(h, "optimizer/vars/" + k, size, file);
                if (!Arrays.equals(a.shape, v.shape())) {
                    throw new KerasFileException(file, "/optimizer/vars/" + k, "optimizer slot of '" + v.name() + "' has shape "
                            + NDArray.shapeString(v.shape()) + ", the file has " + NDArray.shapeString(a.shape));
                }
                System.arraycopy(a.data, 0, o.slot(slot), v.off, v.size());
                k++;
            }
        }
        o.setIterations(it);
    }

    /** One layer's weights into {@code values}, from the first layout present that holds them. */
    private static void readLayer(Group h, StateTree.Slot slot, boolean sequential, Map<Variable, NDArray> values, long size, String file) {
        Layer l = slot.layer();
        boolean nested = true;
        for (StateTree.Entry e : slot.entries()) {
            if (!e.vars().isEmpty() && H5.group(h, e.varsPath(), file) == null) nested = false;
        }
        if (nested) {
            for (StateTree.Entry e : slot.entries()) {
                if (!e.vars().isEmpty() || H5.group(h, e.varsPath(), file) != null) read(h, e.varsPath(), e.vars(), l, values, size, file);
            }
            return;
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(slot.path() + "/vars");
        if (sequential) candidates.add("layers/" + l.name() + "/vars"); // keras4j before it followed Keras 3 here named the groups by layer name
        candidates.add("_layer_checkpoint_dependencies/" + l.name() + "/vars"); // TensorFlow 2.13-2.15's keras_v3
        for (String c : candidates) {
            Group g = H5.group(h, c, file);
            if (g != null && H5.children(g, file).size() == l.weights().size()) {
                read(h, c, l.weights(), l, values, size, file);
                return;
            }
        }
        // report against Keras 3's own layout
        for (StateTree.Entry e : slot.entries()) {
            if (!e.vars().isEmpty()) read(h, e.varsPath(), e.vars(), l, values, size, file);
        }
    }

    private static void read(Group h, String path, List<Variable> ws, Layer l, Map<Variable, NDArray> values, long size, String file) {
        Group vars = H5.group(h, path, file);
        int found = vars == null ? 0 : H5.children(vars, file).size();
        if (found != ws.size()) {
            throw new KerasFileException(file, "/" + path, l.describe() + " has " + ws.size() + " weights, the file has " + found);
        }
        for (int i = 0; i < ws.size(); i++) {
            H5.Array a = dataset(h, path + "/" + i, size, file);
            if (!Arrays.equals(a.shape, ws.get(i).shape())) {
                throw new KerasFileException(file, "/" + path + "/" + i, l.describe() + " weight '" + ws.get(i).name() + "' has shape "
                        + NDArray.shapeString(ws.get(i).shape()) + ", the file has " + NDArray.shapeString(a.shape));
            }
            values.put(ws.get(i), NDArray.of(a.data, a.shape));
        }
    }

    /**
     * The group names of a model's layers under {@code layers/}, as Keras 3's saving_lib names them:
     * not by layer name (auto-generated names vary between two instances of one model) but by the
     * class name in snake case, made unique in order: {@code dense}, {@code dense_1}, {@code conv2d}.
     */
    static List<String> paths(Sequential s) {
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (Layer l : s.layers()) {
            String base = toSnakeCase(l.getClass().getSimpleName());
            Integer k = used.get(base);
            used.put(base, k == null ? 0 : k + 1);
            out.add(k == null ? base : base + "_" + (k + 1));
        }
        return out;
    }

    /** Keras's {@code naming.to_snake_case}: {@code Conv2DTranspose} to {@code conv2d_transpose}, {@code PReLU} to {@code p_re_lu}. */
    static String toSnakeCase(String name) {
        String n = name.replaceAll("\\W+", "");
        n = n.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return n.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static H5.Array dataset(Group h, String path, long size, String file) {
        Node n = H5.node(h, path, file);
        if (n == null) throw new KerasFileException(file, "/" + path, "missing dataset");
        if (!(n instanceof Dataset)) throw new KerasFileException(file, "/" + path, "expected a dataset, found a group");
        return H5.readArray((Dataset) n, size, file);
    }

    private static void requireBuilt(Model model, Path path) {
        if (!(model instanceof Sequential s)) return; // a functional model is built when made
        for (Layer l : s.layers()) {
            if (!l.built()) {
                throw new IllegalStateException("Sequential '" + s.name() + "' is not built (" + l.describe()
                        + " has no weights yet): give the first layer an inputShape(...) or call fit/predict before weights file " + path);
            }
        }
        if (s.layers().isEmpty()) throw new IllegalStateException("Sequential '" + s.name() + "' has no layers");
    }
}
