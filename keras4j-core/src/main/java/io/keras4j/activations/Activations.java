package io.keras4j.activations;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Relu;
import io.keras4j.engine.ops.Softmax;
import io.keras4j.engine.ops.Unary;
import io.keras4j.engine.ops.UnaryFn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.activations}: the activation functions by their Keras names, with Keras 3's
 * formulas and defaults. Each element-wise one is a value and its derivative side by side.
 */
public final class Activations {
    private static final Map<String, UnaryFn> ELEMENTWISE = new LinkedHashMap<>();
    /** Every activation string Keras layers accept here. */
    public static final List<String> NAMES;

    private static final float SELU_ALPHA = 1.6732632423543772f;
    private static final float SELU_SCALE = 1.0507009873554805f;
    private static final float LEAKY_SLOPE = 0.2f; // keras.activations.leaky_relu default negative_slope

    static {
        fn("sigmoid", Activations::sigmoid, (x, y) -> y * (1 - y));
        fn("tanh", x -> (float) Math.tanh(x), (x, y) -> 1 - y * y);
        fn("elu", x -> x > 0 ? x : (float) Math.expm1(x), (x, y) -> x > 0 ? 1f : y + 1f);
        fn("selu", x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (float) Math.expm1(x)),
                (x, y) -> x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * (float) Math.exp(x));
        // gelu: Keras 3 default approximate=False: x * Phi(x)
        fn("gelu", x -> (float) (0.5 * x * Erf.erfc(-x / Math.sqrt(2))),
                (x, y) -> (float) (0.5 * Erf.erfc(-x / Math.sqrt(2)) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)));
        fn("swish", x -> x * sigmoid(x), (x, y) -> {
            float s = sigmoid(x);
            return s + x * s * (1 - s);
        });
        fn("softplus", x -> (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))), (x, y) -> sigmoid(x));
        fn("softsign", x -> x / (1 + Math.abs(x)), (x, y) -> {
            float d = 1 + Math.abs(x);
            return 1 / (d * d);
        });
        fn("leaky_relu", x -> x >= 0 ? x : LEAKY_SLOPE * x, (x, y) -> x >= 0 ? 1f : LEAKY_SLOPE);
        // hard_sigmoid: Keras 3: relu6(x + 3) / 6
        fn("hard_sigmoid", x -> Math.min(Math.max(x / 6f + 0.5f, 0f), 1f), (x, y) -> x > -3f && x < 3f ? 1f / 6f : 0f);
        // hard_sigmoid_keras2: Keras 1/2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1); legacy .h5 files name it
        // hard_sigmoid, and the legacy loader maps it here (it differs from Keras 3's for 0 < |x| < 3)
        fn("hard_sigmoid_keras2", x -> Math.min(Math.max(0.2f * x + 0.5f, 0f), 1f),
                (x, y) -> x > -2.5f && x < 2.5f ? 0.2f : 0f);
        fn("exponential", x -> (float) Math.exp(x), (x, y) -> y);
        fn("relu6", x -> Math.min(Math.max(x, 0f), 6f), (x, y) -> x > 0f && x < 6f ? 1f : 0f);
        NAMES = List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "gelu", "swish",
                "softplus", "softsign", "leaky_relu", "hard_sigmoid", "exponential", "relu6",
                "hard_sigmoid_keras2");
    }

    private Activations() {}

    private static void fn(String name, Value f, UnaryFn.Derivative d) {
        ELEMENTWISE.put(name, new UnaryFn() {
            @Override
            public float apply(float x) {
                return f.apply(x);
            }

            @Override
            public float derivative(float x, float y) {
                return d.at(x, y);
            }

            @Override
            public String toString() {
                return name;
            }
        });
    }

    @FunctionalInterface
    private interface Value {
        float apply(float x);
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** The canonical name for {@code name} (null means linear; {@code "silu"} is swish), or an error listing the valid ones. */
    public static String canonical(String name) {
        if (name == null) return "linear";
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("silu")) n = "swish";
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("Unknown activation '" + name + "'; valid activations: "
                    + String.join(", ", NAMES));
        }
        return n;
    }

    /** Applies the activation to {@code x}, recording its op in the graph. */
    public static Tensor apply(String name, Tensor x) {
        String n = canonical(name);
        switch (n) {
            case "linear": return x;
            case "relu": return new Relu(x).output();
            case "softmax": return new Softmax(x).output();
            default: return new Unary(x, ELEMENTWISE.get(n)).output();
        }
    }

    /** The element-wise function behind {@code name} (not for linear, relu or softmax). For tests. */
    public static UnaryFn elementwise(String name) {
        return ELEMENTWISE.get(canonical(name));
    }
}
