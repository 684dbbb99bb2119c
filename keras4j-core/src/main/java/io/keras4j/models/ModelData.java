package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The data adapter of {@code fit}, {@code evaluate} and {@code predict}: arrays given by the user,
 * copied once and checked against the model (one array per input, one per output, the per-sample
 * weights), before anything changes. The messages name the array, the bad value or both shapes.
 *
 * @param xs      one copy per model input, {@code n} rows each
 * @param ys      one copy per model output
 * @param sw      per-sample weights {@code (n,)}, or null
 * @param yShapes the targets' shapes, with the batch dimension
 */
record ModelData(List<float[]> xs, List<float[]> ys, float[] sw, int n, List<int[]> yShapes) {

    /** Rows {@code [from, to)}: the validation split takes the last rows, before shuffling. */
    ModelData slice(int from, int to) {
        List<float[]> x = new ArrayList<>(), y = new ArrayList<>();
        List<int[]> ysh = new ArrayList<>();
        for (float[] a : xs) x.add(Arrays.copyOfRange(a, from * (a.length / n), to * (a.length / n)));
        for (int i = 0; i < ys.size(); i++) {
            float[] a = ys.get(i);
            y.add(Arrays.copyOfRange(a, from * (a.length / n), to * (a.length / n)));
            int[] s = yShapes.get(i).clone();
            s[0] = to - from;
            ysh.add(s);
        }
        return new ModelData(x, y, sw == null ? null : Arrays.copyOfRange(sw, from, to), to - from, ysh);
    }

    /** The targets' shapes without the batch dimension. */
    List<int[]> yRows() {
        return rows(yShapes);
    }

    /** Inputs and targets of {@code model}, checked and copied; {@code sw} (may be null) checked as Keras's {@code sample_weight}. */
    static ModelData of(Functional model, List<NDArray> xs, List<NDArray> ys, NDArray sw, String what) {
        int outs = model.outputs().size();
        if (ys == null || ys.size() != outs) {
            throw new IllegalArgumentException(what + ": the model has " + outs + " output(s) " + model.outputNames()
                    + ", got " + (ys == null ? 0 : ys.size()) + " target array(s)");
        }
        List<float[]> xc = new ArrayList<>();
        int n = inputs(model, xs, what, xc);
        for (int i = 0; i < outs; i++) {
            NDArray y = ys.get(i);
            String label = outs == 1 ? "y" : "target " + i;
            if (y == null) throw new IllegalArgumentException(what + ": " + label + " must not be null");
            if (y.ndim() < 1) throw new IllegalArgumentException(what + ": " + label + " must have a batch dimension, got shape "
                    + NDArray.shapeString(y.shape()));
            if (y.shape()[0] != n) {
                throw new IllegalArgumentException(what + ": x and " + label + " must have the same number of samples, got x "
                        + NDArray.shapeString(xs.get(0).shape()) + " and " + label + " " + NDArray.shapeString(y.shape()));
            }
        }
        if (n == 0) throw new IllegalArgumentException(what + ": x and y are empty");
        List<float[]> yc = new ArrayList<>();
        List<int[]> yShapes = new ArrayList<>();
        for (int i = 0; i < outs; i++) {
            NDArray y = ys.get(i);
            float[] v = finite(y, what + ": " + (outs == 1 ? "y" : "target " + i));
            targets(model, i, v, y.shape(), what);
            yc.add(v);
            yShapes.add(y.shape());
        }
        return new ModelData(xc, yc, sampleWeights(sw, n, what), n, yShapes);
    }

    /** Checks inputs against the model's (count, shapes, equal rows, finite), adding copies to {@code copies}; returns the rows. */
    static int inputs(Functional model, List<NDArray> xs, String what, List<float[]> copies) {
        List<int[]> in = model.inputShapes();
        if (xs == null || xs.size() != in.size()) {
            throw new IllegalArgumentException(what + ": the model takes " + in.size() + " input(s), got " + (xs == null ? 0 : xs.size()));
        }
        int n = -1;
        for (int i = 0; i < in.size(); i++) {
            NDArray x = xs.get(i);
            String label = in.size() == 1 ? "x" : "input " + i;
            if (x == null) throw new IllegalArgumentException(what + ": " + label + " must not be null");
            if (x.ndim() < 2) throw new IllegalArgumentException(what + ": " + label + " must have a batch dimension and features, got shape "
                    + NDArray.shapeString(x.shape()));
            if (!Arrays.equals(features(x), in.get(i))) {
                throw new IllegalArgumentException(what + ": expected input shape " + NDArray.shapeString(Layer.withBatch(in.get(i)))
                        + ", got " + NDArray.shapeString(Layer.withBatch(features(x)))
                        + (in.size() > 1 ? " for input " + i + " (" + model.inputs().get(i).name() + ")" : "")
                        + " (" + label + " of shape " + NDArray.shapeString(x.shape()) + ")");
            }
            if (n >= 0 && x.shape()[0] != n) {
                throw new IllegalArgumentException(what + ": all inputs must have the same number of samples, got " + n
                        + " and " + x.shape()[0]);
            }
            n = x.shape()[0];
        }
        for (int i = 0; i < in.size(); i++) copies.add(finite(xs.get(i), what + ": " + (in.size() == 1 ? "x" : "input " + i)));
        return n;
    }

    /**
     * Checks targets against output {@code out} before anything runs: their shape (with a message
     * that names the fix when sparse labels meet one-hot rows or the reverse) and their values.
     */
    static void targets(Functional model, int out, float[] ys, int[] yShape, String what) {
        int[] shape = model.outputShapes().get(out);
        int c = shape[shape.length - 1], predRow = size(shape);
        Loss loss = model.losses().get(out);
        int tw = loss.targetWidth(c);
        int yRow = 1;
        for (int i = 1; i < yShape.length; i++) yRow *= yShape[i];
        String where = model.outputs().size() == 1 ? "" : "output " + model.outputNames().get(out) + ": ";
        if (yRow * c != predRow * tw) {
            String pred = NDArray.shapeString(Layer.withBatch(shape));
            String got = NDArray.shapeString(Layer.withBatch(Arrays.copyOfRange(yShape, 1, yShape.length)));
            if (tw == 1 && c > 1) {
                int[] ids = Arrays.copyOf(shape, shape.length - 1), ids1 = shape.clone();
                ids1[ids1.length - 1] = 1;
                throw new IllegalArgumentException(what + ": " + where + loss.name() + " takes class ids of shape "
                        + NDArray.shapeString(Layer.withBatch(ids)) + " or " + NDArray.shapeString(Layer.withBatch(ids1))
                        + " for predictions of shape " + pred + ", got targets of shape " + got
                        + (yRow == predRow ? "; for one-hot targets use categorical_crossentropy" : ""));
            }
            throw new IllegalArgumentException(what + ": " + where + loss.name() + " needs targets of the predictions' shape " + pred
                    + ", got " + got + (tw == c && c > 1 && yRow * c == predRow
                    ? "; for class ids use sparse_categorical_crossentropy" : ""));
        }
        loss.validateTargets(ys, c);
    }

    /** Per-sample weights {@code (n,)} or {@code (n, 1)} as a checked copy, or null for none. */
    static float[] sampleWeights(NDArray w, int n, String what) {
        if (w == null) return null;
        int[] s = w.shape();
        if (!(s.length == 1 || s.length == 2 && s[1] == 1) || s[0] != n) {
            throw new IllegalArgumentException(what + ": sample_weight must have shape (" + n + ",) or (" + n + ", 1), got "
                    + NDArray.shapeString(s));
        }
        return finite(w, what + ": sample_weight");
    }

    /**
     * Keras's {@code class_weight_to_sample_weights}: each sample weighs its class's weight (class =
     * the rounded id, or the argmax of a one-hot row); classes missing from the map weigh 1.
     */
    static float[] classWeights(float[] ys, int[] yShape, Map<Integer, Double> classWeight) {
        int n = yShape[0];
        if (yShape.length > 2) {
            throw new IllegalArgumentException("fit: class_weight needs targets of shape (n,), (n, 1) or (n, classes), got "
                    + NDArray.shapeString(yShape));
        }
        int c = yShape.length == 1 ? 1 : yShape[1];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (c == 1) {
                cls = (int) Math.rint(ys[i]);
            } else {
                cls = 0;
                for (int j = 1; j < c; j++) if (ys[i * c + j] > ys[i * c + cls]) cls = j;
            }
            w[i] = (float) (double) classWeight.getOrDefault(cls, 1.0);
        }
        return w;
    }

    /** A copy of {@code a}'s values, checked to be finite: the one copy the caller then uses. */
    static float[] finite(NDArray a, String what) {
        float[] d = a.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(what + " contains " + d[i] + " at flat index " + i
                        + "; NaN and infinite values cannot be trained on");
            }
        }
        return d;
    }

    static int[] features(NDArray x) {
        return Arrays.copyOfRange(x.shape(), 1, Math.max(1, x.ndim()));
    }

    static List<int[]> rows(List<int[]> shapes) {
        List<int[]> r = new ArrayList<>();
        for (int[] s : shapes) r.add(Arrays.copyOfRange(s, 1, s.length));
        return r;
    }

    static int size(int[] s) {
        int p = 1;
        for (int d : s) p *= d;
        return p;
    }

    static int[] withRows(int n, int[] feat) {
        int[] s = new int[feat.length + 1];
        s[0] = n;
        System.arraycopy(feat, 0, s, 1, feat.length);
        return s;
    }
}
