package io.keras4j.initializers;

import io.keras4j.engine.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code keras.initializers.get}: the built-in initializers by name, with Keras 3's formulas.
 * Random ones draw from the stream seeded by {@code Utils.setRandomSeed}.
 * <pre>
 * glorot_uniform  U(-l, l),  l = sqrt(6 / (fan_in + fan_out))        (Dense's kernel default)
 * glorot_normal   truncated N(0, s), s = sqrt(2 / (fan_in + fan_out)) / .87962566103423978
 * he_uniform      U(-l, l),  l = sqrt(6 / fan_in);   he_normal  truncated N, s = sqrt(2 / fan_in) / .8796...
 * lecun_uniform   U(-l, l),  l = sqrt(3 / fan_in);   lecun_normal truncated N, s = sqrt(1 / fan_in) / .8796...
 * random_normal   N(0, 0.05);  random_uniform  U(-0.05, 0.05);  zeros;  ones        (bias default: zeros)
 * </pre>
 */
public final class Initializers {
    public static final List<String> NAMES = List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
            "lecun_uniform", "lecun_normal", "random_normal", "random_uniform", "zeros", "ones");
    private static final double TRUNC = .87962566103423978;

    private Initializers() {}

    public static Initializer get(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "glorot_uniform": return (w, s) -> uniform(w, Math.sqrt(6 / sum(Initializer.fans(s))));
            case "glorot_normal": return (w, s) -> truncated(w, Math.sqrt(2 / sum(Initializer.fans(s))) / TRUNC);
            case "he_uniform": return (w, s) -> uniform(w, Math.sqrt(6 / Initializer.fans(s)[0]));
            case "he_normal": return (w, s) -> truncated(w, Math.sqrt(2 / Initializer.fans(s)[0]) / TRUNC);
            case "lecun_uniform": return (w, s) -> uniform(w, Math.sqrt(3 / Initializer.fans(s)[0]));
            case "lecun_normal": return (w, s) -> truncated(w, Math.sqrt(1 / Initializer.fans(s)[0]) / TRUNC);
            case "random_normal": return (w, s) -> normal(w, 0.05);
            case "random_uniform": return (w, s) -> uniform(w, 0.05);
            case "zeros": return (w, s) -> Arrays.fill(w, 0f);
            case "ones": return (w, s) -> Arrays.fill(w, 1f);
            default:
                throw new IllegalArgumentException("Unknown initializer '" + name + "'; valid initializers: "
                        + String.join(", ", NAMES));
        }
    }

    private static double sum(double[] f) {
        return f[0] + f[1];
    }

    private static void uniform(float[] w, double limit) {
        for (int i = 0; i < w.length; i++) w[i] = (float) ((Rng.nextDouble() * 2 - 1) * limit);
    }

    private static void normal(float[] w, double std) {
        for (int i = 0; i < w.length; i++) w[i] = (float) (Rng.nextGaussian() * std);
    }

    /** Normal samples redrawn until within two standard deviations, as Keras's truncated normal. */
    private static void truncated(float[] w, double std) {
        for (int i = 0; i < w.length; i++) {
            double g;
            do {
                g = Rng.nextGaussian();
            } while (Math.abs(g) > 2);
            w[i] = (float) (g * std);
        }
    }
}
