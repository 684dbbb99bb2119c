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
import java.util.List;

/**
 * Keras 3's {@code .weights.h5} layout, the weights of {@code model.save_weights} and the
 * {@code model.weights.h5} entry of a {@code .keras} zip:
 * <pre>
 * /layers/&lt;layer name&gt;/vars/0, 1, ...   each layer's variables in Keras order (@name = layer name, as
 *                                    Keras 3.10+ writes; a layer without weights has an empty vars group)
 * /optimizer/vars/0                  iterations (int64 scalar)      (.keras only)
 * /optimizer/vars/1                  learning_rate (float32 scalar)
 * /optimizer/vars/2, 3, ...          per model variable, its slots (Adam: m, v; SGD: momentum ...)
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
        Sequential s = sequential(model);
        requireBuilt(s, path);
        AtomicWrite.write(path, tmp -> H5.write(tmp, root -> writeTree(root, s, false)));
    }

    static void writeTree(WritableGroup root, Sequential s, boolean withOptimizer) {
        WritableGroup layers = root.putGroup("layers");
        List<String> paths = paths(s);
        for (int li = 0; li < s.layers().size(); li++) {
            Layer l = s.layers().get(li);
            WritableGroup vars = layers.putGroup(paths.get(li)).putGroup("vars");
            List<Variable> ws = l.weights();
            vars.putAttribute("name", l.name());
            for (int i = 0; i < ws.size(); i++) vars.putDataset(Integer.toString(i), shaped(ws.get(i)));
        }
        Optimizer o = s.getOptimizer();
        if (withOptimizer && o != null) {
            WritableGroup vars = root.putGroup("optimizer").putGroup("vars");
            vars.putAttribute("name", o.name().toLowerCase(java.util.Locale.ROOT));
            vars.putDataset("0", Long.valueOf(o.iterations()));
            vars.putDataset("1", Float.valueOf((float) o.getLearningRate()));
            int k = 2;
            List<Variable> all = new ArrayList<>();
            for (Layer l : s.layers()) all.addAll(l.weights());
            for (Variable v : all) {
                for (int slot = 0; slot < o.numSlots(); slot++) {
                    float[] a = o.slot(slot);
                    if (a == null || a.length < v.off + v.size()) continue;
                    vars.putDataset(Integer.toString(k++), shaped(Arrays.copyOfRange(a, v.off, v.off + v.size()), v.shape()));
                }
            }
        }
        root.putGroup("vars").putAttribute("name", s.name());
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
        Sequential s = sequential(model);
        String file = path.toString();
        byte[] bytes = Limits.readFile(path);
        requireBuilt(s, path);
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            byte[] w = KerasArchive.entries(bytes, file).get("model.weights.h5");
            if (w == null) throw new KerasFileException(file, "model.weights.h5", "missing entry");
            file = file + ": model.weights.h5";
            bytes = w;
        }
        try (HdfFile h = H5.open(bytes, file)) {
            boolean keras3 = H5.node(h, "layers", file) != null || H5.node(h, "_layer_checkpoint_dependencies", file) != null;
            if (keras3) readTree(h, s, bytes.length, file, false);
            else LegacyH5.loadWeights(h, h, s, bytes.length, file);
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, null, "invalid weights file: " + e, e);
        }
    }

    /** Sets {@code s}'s weights (and optimizer state, when asked and present) from a Keras 3 weights tree. */
    static void readTree(Group h, Sequential s, long size, String file, boolean withOptimizer) {
        List<NDArray> values = new ArrayList<>();
        List<String> paths = paths(s);
        for (int li = 0; li < s.layers().size(); li++) {
            Layer l = s.layers().get(li);
            String path = "layers/" + paths.get(li) + "/vars";
            Group vars = H5.group(h, path, file);
            if (vars == null && !paths.get(li).equals(l.name()) && H5.group(h, "layers/" + l.name() + "/vars", file) != null) {
                // keras4j before it followed Keras 3 here named the groups by layer name
                path = "layers/" + l.name() + "/vars";
                vars = H5.group(h, path, file);
            }
            if (vars == null && H5.group(h, "_layer_checkpoint_dependencies", file) != null) {
                // the layout of the first Keras 3 format (keras_v3 in TensorFlow 2.13-2.15's Keras)
                path = "_layer_checkpoint_dependencies/" + l.name() + "/vars";
                vars = H5.group(h, path, file);
            }
            List<Variable> ws = l.weights();
            int found = vars == null ? 0 : H5.children(vars, file).size();
            if (found != ws.size()) {
                throw new KerasFileException(file, "/" + path, l.describe() + " has " + ws.size() + " weights, the file has " + found);
            }
            for (int i = 0; i < ws.size(); i++) {
                H5.Array a = dataset(h, path + "/" + i, size, file);
                if (!Arrays.equals(a.shape, ws.get(i).shape())) {
                    throw new KerasFileException(file, "/" + path + "/" + i, l.describe() + " weight " + i + " has shape "
                            + NDArray.shapeString(ws.get(i).shape()) + ", the file has " + NDArray.shapeString(a.shape));
                }
                values.add(NDArray.of(a.data, a.shape));
            }
        }
        s.setWeights(values);
        Optimizer o = s.getOptimizer();
        if (!withOptimizer || o == null || H5.group(h, "optimizer/vars", file) == null) return;
        Group ov = H5.group(h, "optimizer/vars", file);
        List<Variable> all = new ArrayList<>();
        for (Layer l : s.layers()) all.addAll(l.weights());
        int expected = 2 + all.size() * o.numSlots();
        int found = H5.children(ov, file).size();
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

    private static Sequential sequential(Model model) {
        if (!(model instanceof Sequential)) {
            throw new IllegalArgumentException("weights files of " + model.getClass().getSimpleName() + " models are not supported yet");
        }
        return (Sequential) model;
    }

    private static void requireBuilt(Sequential s, Path path) {
        for (Layer l : s.layers()) {
            if (!l.built()) {
                throw new IllegalStateException("Sequential '" + s.name() + "' is not built (" + l.describe()
                        + " has no weights yet): give the first layer an inputShape(...) or call fit/predict before weights file " + path);
            }
        }
        if (s.layers().isEmpty()) throw new IllegalStateException("Sequential '" + s.name() + "' has no layers");
    }
}
