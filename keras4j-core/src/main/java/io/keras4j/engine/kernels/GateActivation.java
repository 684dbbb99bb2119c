package io.keras4j.engine.kernels;

import java.util.List;

/**
 * The activations a fused recurrent gate kernel can apply, as int codes (kernels take plain
 * ints). Each has a derivative that is a function of its output {@code y = f(x)} alone, so the
 * backward kernels need only the saved gate values:
 * <pre>
 * linear  y = x                      f' = 1
 * tanh    y = tanh(x)                f' = 1 - y^2
 * sigmoid y = 1 / (1 + e^-x)         f' = y (1 - y)
 * hard_sigmoid  y = clip(x/6 + 1/2, 0, 1)    f' = 1/6 where 0 < y < 1
 * relu    y = max(x, 0)              f' = [y > 0]
 * relu6   y = min(max(x, 0), 6)      f' = [0 < y < 6]
 * elu     y = x or e^x - 1           f' = 1 where y > 0, else y + 1
 * softsign y = x / (1 + |x|)         f' = (1 - |y|)^2
 * exponential y = e^x                f' = y
 * hard_sigmoid_keras2 y = clip(0.2 x + 1/2, 0, 1)   f' = 0.2 where 0 < y < 1  (Keras 1/2's hard_sigmoid)
 * </pre>
 */
public final class GateActivation {
    public static final int LINEAR = 0, TANH = 1, SIGMOID = 2, HARD_SIGMOID = 3, RELU = 4, RELU6 = 5, ELU = 6,
            SOFTSIGN = 7, EXPONENTIAL = 8, HARD_SIGMOID_KERAS2 = 9;
    /** Keras names of the codes, in code order. */
    public static final List<String> NAMES = List.of("linear", "tanh", "sigmoid", "hard_sigmoid", "relu", "relu6", "elu",
            "softsign", "exponential", "hard_sigmoid_keras2");

    private GateActivation() {}

    /** The code of a (canonical) Keras activation name, or -1 when a gate kernel cannot apply it. */
    public static int code(String name) {
        return NAMES.indexOf(name);
    }

    /** y = f(x). */
    public static float apply(int code, float x) {
        switch (code) {
            case TANH: return tanh(x);
            case SIGMOID: return (float) (1 / (1 + Math.exp(-x)));
            case HARD_SIGMOID: return Math.min(Math.max(x / 6f + 0.5f, 0f), 1f);
            case RELU: return Math.max(x, 0f);
            case RELU6: return Math.min(Math.max(x, 0f), 6f);
            case ELU: return x > 0 ? x : (float) Math.expm1(x);
            case SOFTSIGN: return x / (1 + Math.abs(x));
            case EXPONENTIAL: return (float) Math.exp(x);
            case HARD_SIGMOID_KERAS2: return Math.min(Math.max(0.2f * x + 0.5f, 0f), 1f);
            default: return x;
        }
    }

    /**
     * tanh through the intrinsic {@code Math.exp} in double: {@code (1 - e) / (1 + e)},
     * {@code e = exp(-2|x|)}, with x's sign (a series below 0.05); within a float ulp of {@code Math.tanh} (which the JDK
     * does not intrinsify: it made the LSTM gate kernel 3x slower).
     */
    public static float tanh(float x) {
        double a = Math.abs(x);
        if (a < 0.05) {
            // 1 - e cancels for small x: the series x - x^3/3 + 2x^5/15 (error < 1e-9 relative here)
            double d2 = (double) x * x;
            return (float) (x * (1 - d2 / 3 * (1 - 0.4 * d2)));
        }
        double e = Math.exp(-2.0 * a);
        double t = (1 - e) / (1 + e);
        return (float) (x < 0 ? -t : t);
    }

    /** f'(x) from y = f(x). */
    public static float derivative(int code, float y) {
        switch (code) {
            case TANH: return 1 - y * y;
            case SIGMOID: return y * (1 - y);
            case HARD_SIGMOID: return y > 0f && y < 1f ? 1f / 6f : 0f;
            case RELU: return y > 0f ? 1f : 0f;
            case RELU6: return y > 0f && y < 6f ? 1f : 0f;
            case ELU: return y > 0f ? 1f : y + 1f;
            case SOFTSIGN: {
                float a = 1 - Math.abs(y);
                return a * a;
            }
            case EXPONENTIAL: return y;
            case HARD_SIGMOID_KERAS2: return y > 0f && y < 1f ? 0.2f : 0f;
            default: return 1f;
        }
    }
}
