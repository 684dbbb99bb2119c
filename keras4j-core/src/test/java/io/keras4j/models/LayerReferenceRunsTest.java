package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Scanner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproduces the reference runs of image and sequence layers ({@code reference/layers/}, format
 * {@code keras4j-reference 2}, computed independently in PyTorch with Keras's formulas and
 * layouts) through the public API, as a user outside the project would: each layer is built by
 * its Keras class name, its positional arguments given to the constructor and each keyword
 * argument to the fluent setter of the same name in camelCase (API.md's rule).
 * Tolerances as the Dense runs: losses and predictions relative 1e-4, weights 1e-3.
 */
class LayerReferenceRunsTest {

    @ParameterizedTest
    @ValueSource(strings = {"cnn_bn_gap_sgd.txt", "cnn_same_pool_adam.txt", "conv1d_causal_rnn.txt",
            "gru_stack_adam.txt", "lstm_rmsprop_mse.txt"})
    void reproducesReferenceRun(String file) throws Exception {
        Run run = Run.load("reference/layers/" + file);
        ReferenceRun r = run.training;
        Sequential model = new Sequential();
        for (int i = 0; i < run.layers.size(); i++) {
            Layer l = build(run.layers.get(i));
            if (i == 0) l.inputShape(run.inputShape);
            model.add(l);
        }
        model.compile(ReferenceRun.optimizer(r.optimizer, r.optimizerArgs), r.loss);
        model.setWeights(r.initialWeights);

        History h = model.fit(r.x, r.y, new FitOptions().epochs(r.epochs).batchSize(r.batchSize).shuffle(false).verbose(0));

        List<Double> loss = h.history().get("loss");
        assertEquals(r.expectLoss.length, loss.size(), "epochs in History");
        for (int e = 0; e < loss.size(); e++) {
            ReferenceRun.close(r.expectLoss[e], loss.get(e), 1e-4, 1e-5, r.name + " loss of epoch " + e);
        }
        List<NDArray> w = model.getWeights();
        assertEquals(r.expectWeights.size(), w.size(), r.name + ": number of weights");
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(r.expectWeights.get(i).shape(), w.get(i).shape(), r.name + " weight " + i + " shape");
            ReferenceRun.closeAll(r.expectWeights.get(i).toFloatArray(), w.get(i).toFloatArray(), 1e-3, 1e-5,
                    r.name + " weight " + i);
        }
        NDArray pred = model.predict(r.xTest);
        assertArrayEquals(r.expectPred.shape(), pred.shape());
        ReferenceRun.closeAll(r.expectPred.toFloatArray(), pred.toFloatArray(), 1e-4, 1e-5, r.name + " predictions");
    }

    /** A layer line: Keras class, positional arguments, keyword arguments (snake_case). */
    record LayerSpec(String className, List<String> positional, Map<String, String> keywords) {}

    /** Builds {@code io.keras4j.layers.<class>(positional...)} then {@code .camelCase(value)} per keyword. */
    static Layer build(LayerSpec spec) throws Exception {
        Class<?> c;
        try {
            c = Class.forName("io.keras4j.layers." + spec.className());
        } catch (ClassNotFoundException e) {
            Assumptions.abort("layer " + spec.className() + " is not in this build");
            return null;
        }
        Layer layer = null;
        for (Constructor<?> k : c.getConstructors()) {
            Object[] args = convert(k.getParameterTypes(), k.isVarArgs(), spec.positional());
            if (args != null) {
                layer = (Layer) k.newInstance(args);
                break;
            }
        }
        if (layer == null) throw new AssertionError(spec.className() + " has no public constructor taking " + spec.positional());
        for (Map.Entry<String, String> kw : spec.keywords().entrySet()) {
            String setter = camel(kw.getKey());
            boolean done = false;
            for (Method m : c.getMethods()) {
                if (!m.getName().equals(setter) || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1) continue;
                Object[] args = convert(m.getParameterTypes(), m.isVarArgs(), List.of(kw.getValue()));
                if (args != null) {
                    m.invoke(layer, args);
                    done = true;
                    break;
                }
            }
            if (!done) throw new AssertionError(spec.className() + " has no setter " + setter + " taking " + kw.getValue());
        }
        return layer;
    }

    static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** The tokens as arguments of these parameter types, or null when they do not fit. */
    private static Object[] convert(Class<?>[] types, boolean varArgs, List<String> tokens) {
        if (!varArgs && types.length != tokens.size()) return null;
        if (varArgs && types.length != tokens.size() && types.length - 1 > tokens.size()) return null;
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            boolean last = varArgs && i == types.length - 1;
            if (last) {
                if (types[i] != int[].class) return null;
                List<String> rest = tokens.subList(i, tokens.size());
                List<Integer> vals = new ArrayList<>();
                for (String t : rest) {
                    for (String part : t.split(",")) {
                        Integer v = parseInt(part);
                        if (v == null) return null;
                        vals.add(v);
                    }
                }
                args[i] = vals.stream().mapToInt(Integer::intValue).toArray();
                return args;
            }
            Object v = value(types[i], tokens.get(i));
            if (v == null) return null;
            args[i] = v;
        }
        return args;
    }

    private static Object value(Class<?> type, String token) {
        if (type == int.class) return parseInt(token);
        if (type == double.class || type == float.class) {
            try {
                double d = Double.parseDouble(token);
                return type == double.class ? (Object) d : (Object) (float) d;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (type == boolean.class) {
            return token.equals("true") ? Boolean.TRUE : token.equals("false") ? Boolean.FALSE : null;
        }
        if (type == int[].class) {
            String[] parts = token.split(",");
            int[] r = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Integer v = parseInt(parts[i]);
                if (v == null) return null;
                r[i] = v;
            }
            return r;
        }
        if (type == String.class) return token;
        return null;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One file of format {@code keras4j-reference 2} (see that folder's README): format 1's run with layer lines. */
    static final class Run {
        int[] inputShape;
        final List<LayerSpec> layers = new ArrayList<>();
        final ReferenceRun training = new ReferenceRun();

        static Run load(String resource) throws IOException {
            try (InputStream in = Run.class.getResourceAsStream("/" + resource)) {
                if (in == null) throw new IOException("missing resource " + resource);
                Scanner s = new Scanner(in, StandardCharsets.UTF_8).useLocale(Locale.ROOT);
                Run r = new Run();
                ReferenceRun.expect(s, "keras4j-reference");
                if (s.nextInt() != 2) throw new IOException(resource + ": not format 2");
                ReferenceRun.expect(s, "name");
                r.training.name = s.next();
                ReferenceRun.expect(s, "input_shape");
                r.inputShape = new int[s.nextInt()];
                for (int i = 0; i < r.inputShape.length; i++) r.inputShape[i] = s.nextInt();
                ReferenceRun.expect(s, "layers");
                int n = s.nextInt();
                for (int i = 0; i < n; i++) {
                    ReferenceRun.expect(s, "layer");
                    String cls = s.next();
                    List<String> pos = new ArrayList<>();
                    for (int j = s.nextInt(); j > 0; j--) pos.add(s.next());
                    Map<String, String> kw = new LinkedHashMap<>();
                    for (int j = s.nextInt(); j > 0; j--) {
                        String[] kv = s.next().split("=", 2);
                        kw.put(kv[0], kv[1]);
                    }
                    r.layers.add(new LayerSpec(cls, pos, kw));
                }
                ReferenceRun.readTraining(s, r.training);
                return r;
            }
        }
    }
}
