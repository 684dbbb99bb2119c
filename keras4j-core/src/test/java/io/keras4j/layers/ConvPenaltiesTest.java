package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.constraints.NonNeg;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The convolutions' {@code *_regularizer}, {@code activity_regularizer} and {@code *_constraint}
 * arguments: in the config in Keras 3's order and back, added to the loss (checked against the
 * penalty computed by hand from the weights and outputs), and applied after a step.
 */
class ConvPenaltiesTest {
    /** The keys of Keras 3's get_config, in order (keras/src/layers/convolutional/base_*.py), that these arguments add. */
    static final List<String> CONV_KEYS = List.of("kernel_regularizer", "bias_regularizer", "activity_regularizer",
            "kernel_constraint", "bias_constraint");
    static final List<String> DEPTHWISE_KEYS = List.of("depthwise_regularizer", "bias_regularizer", "activity_regularizer",
            "depthwise_constraint", "bias_constraint");
    static final List<String> SEPARABLE_KEYS = List.of("depthwise_regularizer", "pointwise_regularizer", "bias_regularizer",
            "activity_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint");

    record Case(String name, Supplier<Layer> plain, Supplier<Layer> penalized, int[] input, List<String> keys, int kernels) {}

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("Conv1D", () -> new Conv1D(3, 2), () -> new Conv1D(3, 2).kernelRegularizer(new L2(0.1))
                .biasRegularizer(new L1(0.2)).activityRegularizer(new L1(0.05)).kernelConstraint("max_norm").biasConstraint(new NonNeg()),
                new int[] {6, 2}, CONV_KEYS, 1));
        c.add(new Case("Conv2D", () -> new Conv2D(3, 2), () -> new Conv2D(3, 2).kernelRegularizer(new L2(0.1))
                .biasRegularizer(new L1(0.2)).activityRegularizer(new L1(0.05)).kernelConstraint("max_norm").biasConstraint(new NonNeg()),
                new int[] {5, 5, 2}, CONV_KEYS, 1));
        c.add(new Case("Conv2DTranspose", () -> new Conv2DTranspose(3, 2), () -> new Conv2DTranspose(3, 2).kernelRegularizer(new L2(0.1))
                .biasRegularizer(new L1(0.2)).activityRegularizer(new L1(0.05)).kernelConstraint("max_norm").biasConstraint(new NonNeg()),
                new int[] {4, 4, 2}, CONV_KEYS, 1));
        c.add(new Case("DepthwiseConv2D", () -> new DepthwiseConv2D(2), () -> new DepthwiseConv2D(2).depthwiseRegularizer(new L2(0.1))
                .biasRegularizer(new L1(0.2)).activityRegularizer(new L1(0.05)).depthwiseConstraint("max_norm").biasConstraint(new NonNeg()),
                new int[] {5, 5, 2}, DEPTHWISE_KEYS, 1));
        c.add(new Case("SeparableConv2D", () -> new SeparableConv2D(3, 2), () -> new SeparableConv2D(3, 2).depthwiseRegularizer(new L2(0.1))
                .pointwiseRegularizer(new L2(0.1)).biasRegularizer(new L1(0.2)).activityRegularizer(new L1(0.05))
                .depthwiseConstraint("max_norm").pointwiseConstraint("unit_norm").biasConstraint(new NonNeg()),
                new int[] {5, 5, 2}, SEPARABLE_KEYS, 2));
        return c;
    }

    @Test
    void configCarriesThemInKerasOrderAndBack() {
        for (Case k : cases()) {
            Layer l = k.penalized().get();
            Map<String, Object> c = l.getConfig();
            List<String> keys = new ArrayList<>(c.keySet());
            keys.retainAll(k.keys());
            assertEquals(k.keys(), keys, k.name() + ": the keys, in Keras's order");
            Layer back = Layers.fromConfig(k.name(), c);
            assertEquals(c.toString().replace(l.name(), "x"), back.getConfig().toString().replace(back.name(), "x"), k.name());
            assertTrue(c.get(k.keys().get(0)) instanceof Map, k.name() + ": " + c);
            Map<String, Object> none = k.plain().get().getConfig();
            for (String key : k.keys()) assertTrue(none.containsKey(key) && none.get(key) == null, k.name() + ": " + key + " null by default");
        }
    }

    @Test
    void penaltiesAreAddedToTheLoss() {
        for (Case k : cases()) {
            Sequential plain = model(k.plain().get(), k.input()), pen = model(k.penalized().get(), k.input());
            List<NDArray> w = new ArrayList<>(plain.getWeights());
            float[] bias = w.get(w.size() - 1).toFloatArray();
            for (int i = 0; i < bias.length; i++) bias[i] = i % 2 == 0 ? 0.5f : -0.25f; // a bias its L1 sees
            w.set(w.size() - 1, NDArray.of(bias, w.get(w.size() - 1).shape()));
            plain.setWeights(w);
            pen.setWeights(w);
            int[] xs = new int[k.input().length + 1];
            xs[0] = 3;
            System.arraycopy(k.input(), 0, xs, 1, k.input().length);
            NDArray x = NDArray.randn(xs);
            NDArray y = NDArray.zeros(plain.predict(x).shape());
            double expected = 0;
            for (int i = 0; i < k.kernels(); i++) for (float v : w.get(i).toFloatArray()) expected += 0.1 * v * v;
            for (float v : bias) expected += 0.2 * Math.abs(v);
            for (float v : plain.predict(x).toFloatArray()) expected += 0.05 * Math.abs(v); // the batch's outputs, not divided
            double got = pen.evaluate(x, y, 0).get("loss") - plain.evaluate(x, y, 0).get("loss");
            assertEquals(expected, got, 1e-4 * Math.max(1, expected), k.name() + ": the penalties in the loss");
            assertEquals(plain.predict(x), pen.predict(x), k.name() + ": predict is unaffected");
        }
    }

    @Test
    void constraintsAreAppliedAfterEachStep() {
        for (Case k : cases()) {
            int[] xs = new int[k.input().length + 1];
            xs[0] = 4;
            System.arraycopy(k.input(), 0, xs, 1, k.input().length);
            NDArray x = NDArray.randn(xs).mul(3);
            // the weights start outside the constraints (kernel times 10, bias -1): after the steps the constrained
            // layer's are inside, while the same training without the constraints leaves some outside
            Sequential m = model(k.penalized().get(), k.input(), 0.01), free = model(k.plain().get(), k.input(), 0.01);
            List<NDArray> start = new ArrayList<>(m.getWeights());
            start.set(0, start.get(0).mul(10));
            start.set(start.size() - 1, NDArray.zeros(start.get(start.size() - 1).shape()).add(-1));
            m.setWeights(start);
            free.setWeights(start);
            NDArray y = NDArray.randn(m.predict(x).shape()).mul(10);
            m.fit(x, y, new FitOptions().epochs(3).batchSize(2).shuffle(false).verbose(0));
            free.fit(x, y, new FitOptions().epochs(3).batchSize(2).shuffle(false).verbose(0));
            assertTrue(outside(free.getWeights()), k.name() + ": without the constraints a weight leaves their range");
            List<NDArray> w = m.getWeights();
            for (float v : w.get(w.size() - 1).toFloatArray()) assertTrue(v >= 0, k.name() + ": NonNeg bias " + v);
            // max_norm (max_value 2, axis 0): every slice along the first axis has a norm of at most 2
            float[] kernel = w.get(0).toFloatArray();
            int rest = kernel.length / w.get(0).shape()[0];
            for (int j = 0; j < rest; j++) {
                double n = 0;
                for (int i = j; i < kernel.length; i += rest) n += kernel[i] * kernel[i];
                assertTrue(Math.sqrt(n) <= 2 + 1e-5, k.name() + ": kernel norm " + Math.sqrt(n));
            }
        }
    }

    /** Whether a bias is negative or a kernel slice along axis 0 has a norm above 2. */
    private static boolean outside(List<NDArray> w) {
        for (float v : w.get(w.size() - 1).toFloatArray()) if (!(v >= 0)) return true;
        float[] kernel = w.get(0).toFloatArray();
        int rest = kernel.length / w.get(0).shape()[0];
        for (int j = 0; j < rest; j++) {
            double n = 0;
            for (int i = j; i < kernel.length; i += rest) n += kernel[i] * kernel[i];
            if (!(Math.sqrt(n) <= 2)) return true;
        }
        return false;
    }

    private static Sequential model(Layer l, int[] input) {
        return model(l, input, 0.5);
    }

    private static Sequential model(Layer l, int[] input, double lr) {
        Sequential m = new Sequential();
        m.add(l.inputShape(input));
        m.compile(new SGD().learningRate(lr), "mse");
        return m;
    }
}
