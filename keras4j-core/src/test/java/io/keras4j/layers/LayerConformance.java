package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Op;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The conformance harness every layer passes, Keras's {@code run_layer_test} in spirit:
 * <ol>
 *   <li>build in a {@link Sequential} from a declared input shape;</li>
 *   <li>output shape: {@code computeOutputShape} equals the expected shape, and {@code predict}
 *       returns {@code (n, computeOutputShape(input))};</li>
 *   <li>parameter count;</li>
 *   <li>config round trip: the class's static {@code fromConfig(getConfig())} has the same config
 *       and, given the same weights, predicts the same values;</li>
 *   <li>finite-difference gradient check of {@code sum(r * layer(x))} (r fixed random) with respect
 *       to the input and every trainable weight, in training mode unless told otherwise;</li>
 *   <li>one {@code fit} step lowers the (training-mode) MSE loss, for layers with trainable weights;</li>
 *   <li>{@code predict} (inference mode) is deterministic.</li>
 * </ol>
 * <pre>{@code
 * LayerConformance.of(() -> new Conv2D(4, 3).padding("same")).input(5, 5, 2)
 *     .expectOutputShape(5, 5, 4).expectParams(76).run();
 * }</pre>
 * Runs on whichever kernels the JVM has (the build runs layer tests on both).
 */
public final class LayerConformance {
    private final Supplier<? extends Layer> factory;
    private int[] input;
    private int[] expectedOutput;
    private int expectedParams = -1;
    private int batch = 3;
    private long seed = 1234;
    private boolean gradTraining = true, inputGrad = true, checkFitStep = true;
    private double eps = 1e-2, atol = 2e-3, rtol = 2e-2;
    private InputGen gen = (r, i) -> (float) (r.nextDouble() * 2 - 1);

    /** Values of the random inputs: element {@code i} of the flat batch. */
    @FunctionalInterface
    public interface InputGen {
        float next(Random r, int i);
    }

    private LayerConformance(Supplier<? extends Layer> factory) {
        this.factory = factory;
    }

    /** The harness for fresh layers from {@code factory} (called several times: each call a new layer). */
    public static LayerConformance of(Supplier<? extends Layer> factory) {
        return new LayerConformance(factory);
    }

    /** The input shape without the batch dimension. Required. */
    public LayerConformance input(int... shape) {
        this.input = shape.clone();
        return this;
    }

    public LayerConformance expectOutputShape(int... shape) {
        this.expectedOutput = shape.clone();
        return this;
    }

    public LayerConformance expectParams(int n) {
        this.expectedParams = n;
        return this;
    }

    /** Samples per batch in the checks (default 3). */
    public LayerConformance batch(int n) {
        this.batch = n;
        return this;
    }

    public LayerConformance seed(long s) {
        this.seed = s;
        return this;
    }

    /** Input values (default uniform in [-1, 1)); e.g. integer ids for Embedding. */
    public LayerConformance inputs(InputGen g) {
        this.gen = g;
        return this;
    }

    /** Check gradients in inference mode instead (layers whose training mode is random, e.g. Dropout). */
    public LayerConformance gradientInInference() {
        this.gradTraining = false;
        return this;
    }

    /** The input takes no gradient (integer inputs, e.g. Embedding). */
    public LayerConformance noInputGradient() {
        this.inputGrad = false;
        return this;
    }

    /** Skip the fit step (a layer whose weights the loss cannot move, e.g. only non-trainable ones). */
    public LayerConformance noFitStep() {
        this.checkFitStep = false;
        return this;
    }

    /** Finite-difference step and tolerances: |analytic - numeric| <= atol + rtol * |numeric|. */
    public LayerConformance tolerance(double eps, double atol, double rtol) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        return this;
    }

    /** Runs every check; fails with a message naming the layer and the check. */
    public void run() {
        if (input == null) throw new IllegalStateException("input(...) is required");
        Random rnd = new Random(seed);
        Layer layer = factory.get();
        String who = layer.describe();
        Sequential model = new Sequential();
        layer.inputShape(input);
        model.add(layer);
        assertTrue(layer.built(), who + ": not built by add() with a declared input shape");

        // output shape
        int[] out = layer.computeOutputShape(input.clone());
        if (expectedOutput != null) {
            assertArrayEquals(expectedOutput, out, who + ": computeOutputShape " + NDArray.shapeString(out));
        }
        NDArray x = randomInput(rnd, batch);
        NDArray y = model.predict(x);
        assertArrayEquals(withRows(batch, out), y.shape(), who + ": predict's shape");

        // parameters
        if (expectedParams >= 0) assertEquals(expectedParams, layer.countParams(), who + ": parameter count");

        // predict is deterministic (inference mode)
        assertArrayEquals(y.toFloatArray(), model.predict(x).toFloatArray(), 0f, who + ": predict twice differs");

        configRoundTrip(layer, model, x, y);
        gradientCheck(layer, rnd);
        if (checkFitStep) fitStep(rnd);
    }

    private void configRoundTrip(Layer layer, Sequential model, NDArray x, NDArray y) {
        String who = layer.describe();
        Map<String, Object> config = layer.getConfig();
        Layer copy;
        try {
            Method m = layer.getClass().getMethod("fromConfig", Map.class);
            if (!Modifier.isStatic(m.getModifiers())) fail(who + ": fromConfig must be static");
            copy = (Layer) m.invoke(null, config);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(who + ": no public static fromConfig(Map<String, Object>)", e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(who + ": fromConfig is not accessible", e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(who + ": fromConfig(getConfig()) failed: " + e.getCause(), e.getCause());
        }
        assertEquals(layer.getClass(), copy.getClass(), who + ": fromConfig's class");
        assertEquals(config.toString(), copy.getConfig().toString(), who + ": config round trip");
        Sequential m2 = new Sequential();
        copy.inputShape(input);
        m2.add(copy);
        m2.setWeights(model.getWeights());
        assertArrayEquals(y.toFloatArray(), m2.predict(x).toFloatArray(), 0f, who + ": the copy from its config predicts differently");
    }

    /** out = sum_i r_i * x_i in double: any tensor becomes a scalar with a non-trivial gradient. */
    private static final class WeightedSum extends Op {
        private final float[] r;

        WeightedSum(Tensor x, float[] r) {
            super(new int[] {1}, x);
            this.r = r;
        }

        @Override
        public void forward(int n) {
            double s = 0;
            for (int i = 0; i < in[0].size(n); i++) s += (double) r[i] * in[0].data[in[0].off + i];
            out.data[out.off] = (float) s;
        }

        @Override
        public void backward(int n) {
            for (int i = 0; i < in[0].size(n); i++) in[0].grad[in[0].goff + i] += r[i] * out.grad[out.goff];
        }
    }

    private void gradientCheck(Layer layerUnused, Random rnd) {
        Layer layer = factory.get();
        String who = layer.describe();
        layer.ensureBuilt(input.clone());
        List<Variable> vars = layer.weights();
        for (Variable v : vars) if (v.trainable() && v.grad == null) v.grad = new float[v.data.length];
        Graph g = new Graph();
        Tensor x = inputGrad ? g.differentiableInput(input) : g.input(input);
        Tensor yT = layer.call(x, gradTraining);
        float[] r = new float[yT.size(batch)];
        for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();
        Tensor loss = new WeightedSum(yT, r).output();
        if (!loss.needsGrad()) {
            if (inputGrad || vars.stream().anyMatch(Variable::trainable)) fail(who + ": the output does not depend on the input or weights");
            return;
        }
        Plan plan = new Plan(g, batch, true);
        float[] xs = randomInput(rnd, batch).toFloatArray();
        System.arraycopy(xs, 0, x.data, x.off, xs.length);
        for (Variable v : vars) if (v.trainable()) Arrays.fill(v.grad, v.goff, v.goff + v.size(), 0f);
        plan.forward(batch);
        plan.backward(batch, loss);
        if (inputGrad) {
            check(who + " d/d input", x.data, x.off, x.grad, x.goff, x.size(batch), plan, loss, null, rnd);
        }
        for (Variable v : vars) {
            if (!v.trainable()) continue;
            check(who + " d/d " + v.name(), v.data, v.off, v.grad, v.goff, v.size(), plan, loss, v, rnd);
        }
    }

    /** Compares up to 40 entries of an analytic gradient with central differences. */
    private void check(String what, float[] data, int off, float[] grad, int goff, int len, Plan plan, Tensor loss,
                       Variable v, Random rnd) {
        float[] analytic = Arrays.copyOfRange(grad, goff, goff + len);
        int[] idx = new int[Math.min(40, len)];
        for (int i = 0; i < idx.length; i++) idx[i] = len <= 40 ? i : rnd.nextInt(len);
        for (int i : idx) {
            float keep = data[off + i];
            data[off + i] = (float) (keep + eps);
            if (v != null) v.changed();
            plan.forward(batch);
            double up = loss.data[loss.off];
            data[off + i] = (float) (keep - eps);
            if (v != null) v.changed();
            plan.forward(batch);
            double down = loss.data[loss.off];
            data[off + i] = keep;
            if (v != null) v.changed();
            double numeric = (up - down) / (2 * eps);
            double err = Math.abs(analytic[i] - numeric);
            if (!(err <= atol + rtol * Math.abs(numeric))) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + ", finite differences " + numeric);
            }
        }
        plan.forward(batch);
    }

    private void fitStep(Random rnd) {
        Layer layer = factory.get();
        layer.inputShape(input);
        Sequential model = new Sequential();
        model.add(layer);
        if (layer.weights().stream().noneMatch(Variable::trainable)) return;
        model.compile(new SGD().learningRate(0.01), "mse");
        int n = 8;
        NDArray x = randomInput(rnd, n);
        int[] out = layer.computeOutputShape(input.clone());
        NDArray y = NDArray.randn(withRows(n, out));
        History h = model.fit(x, y, new FitOptions().epochs(2).batchSize(n).shuffle(false).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(1) < loss.get(0), layer.describe() + ": one SGD step did not lower the loss: " + loss);
    }

    private NDArray randomInput(Random rnd, int n) {
        int[] shape = withRows(n, input);
        int size = 1;
        for (int d : shape) size *= d;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = gen.next(rnd, i);
        return NDArray.of(v, shape);
    }

    private static int[] withRows(int n, int[] feat) {
        int[] s = new int[feat.length + 1];
        s[0] = n;
        System.arraycopy(feat, 0, s, 1, feat.length);
        return s;
    }
}
