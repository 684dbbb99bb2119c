package io.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss, with its options and the three reductions, against {@code losses/expected.txt}:
 * Keras 3's formulas in float64 numpy by {@code losses/reference_losses.py} (kept beside it, same
 * case names and data); every gradient against central finite differences of the loss.
 */
class LossesTest {
    static final float[][] P_PROB = {{0.2f, 0.5f, 0.2f, 0.1f}, {0.7f, 0.1f, 0.1f, 0.1f}, {0.25f, 0.25f, 0.3f, 0.2f}};
    static final float[][] P_REG = {{0.5f, -1.2f, 2.0f, 0.3f}, {1.5f, 0.2f, -0.4f, 0.9f}, {-2.0f, 0.1f, 0.7f, 3.0f}};
    static final float[][] P_POS = {{0.5f, 1.2f, 2.0f, 0.3f}, {1.5f, 0.2f, 0.4f, 0.9f}, {2.0f, 0.1f, 0.7f, 3.0f}};
    static final float[][] Y_ONEHOT = {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}};
    static final float[][] Y_BINARY = {{0, 1, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 1}};
    static final float[][] Y_REG = {{0.0f, -1.0f, 1.0f, 1.5f}, {1.0f, 1.0f, -1.0f, 0.5f}, {0.5f, 0.1f, 0.2f, 0.8f}};
    static final float[][] Y_PM1 = {{-1, 1, 1, -1}, {1, -1, -1, -1}, {-1, 1, -1, 1}};
    static final float[][] Y_COUNTS = {{0, 1, 2, 0}, {3, 0, 1, 1}, {0, 0, 1, 4}};
    static final float[][] Y_SOFT = {{0.1f, 0.6f, 0.2f, 0.1f}, {0.7f, 0.1f, 0.1f, 0.1f}, {0.0f, 0.5f, 0.25f, 0.25f}};
    static final NDArray Y_IDS = NDArray.of(new float[] {1, 0, 3}, 3);

    record Case(Supplier<Loss> loss, NDArray y, NDArray p) {}

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void add(String name, Supplier<Loss> loss, float[][] y, float[][] p) {
        CASES.put(name, new Case(loss, NDArray.of(y), NDArray.of(p)));
    }

    static {
        add("bce", BinaryCrossentropy::new, Y_BINARY, P_PROB);
        add("bce_smooth", () -> new BinaryCrossentropy().labelSmoothing(0.2), Y_BINARY, P_PROB);
        add("bce_logits_smooth", () -> new BinaryCrossentropy(true, 0.1), Y_BINARY, P_REG);
        add("cce", CategoricalCrossentropy::new, Y_ONEHOT, P_PROB);
        add("cce_smooth", () -> new CategoricalCrossentropy().labelSmoothing(0.1), Y_ONEHOT, P_PROB);
        add("cce_logits_smooth", () -> new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1), Y_ONEHOT, P_REG);
        CASES.put("scce", new Case(SparseCategoricalCrossentropy::new, Y_IDS, NDArray.of(P_PROB)));
        add("mse", MeanSquaredError::new, Y_REG, P_REG);
        add("mae", MeanAbsoluteError::new, Y_REG, P_REG);
        add("huber", Huber::new, Y_REG, P_REG);
        add("huber_d05", () -> new Huber(0.5), Y_REG, P_REG);
        add("hinge", Hinge::new, Y_BINARY, P_REG);
        add("hinge_pm1", Hinge::new, Y_PM1, P_REG);
        add("squared_hinge", SquaredHinge::new, Y_BINARY, P_REG);
        add("categorical_hinge", CategoricalHinge::new, Y_ONEHOT, P_REG);
        add("kld", KLDivergence::new, Y_SOFT, P_PROB);
        add("poisson", Poisson::new, Y_COUNTS, P_POS);
        add("log_cosh", LogCosh::new, Y_REG, P_REG);
        add("cosine_similarity", CosineSimilarity::new, Y_REG, P_REG);
        add("bfce", BinaryFocalCrossentropy::new, Y_BINARY, P_PROB);
        add("bfce_balanced_logits_smooth", () -> new BinaryFocalCrossentropy(true, 0.4, 1.5).fromLogits(true).labelSmoothing(0.1),
                Y_BINARY, P_REG);
        add("cfce", CategoricalFocalCrossentropy::new, Y_ONEHOT, P_PROB);
        add("cfce_logits_smooth", () -> new CategoricalFocalCrossentropy(0.5, 1.0).fromLogits(true).labelSmoothing(0.1),
                Y_ONEHOT, P_REG);
    }

    /** name -> {per-sample values, {mean}, {sum}}. */
    static Map<String, double[][]> expected() throws IOException {
        Map<String, double[][]> out = new LinkedHashMap<>();
        try (InputStream in = LossesTest.class.getResourceAsStream("/losses/expected.txt")) {
            assertNotNull(in, "losses/expected.txt on the test class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String name = line.substring(0, line.indexOf(' '));
                String[] parts = line.substring(name.length()).split(";");
                double[][] v = new double[3][];
                for (int k = 0; k < 3; k++) {
                    String[] f = parts[k].trim().split(" ");
                    v[k] = new double[f.length];
                    for (int i = 0; i < f.length; i++) v[k][i] = Double.parseDouble(f[i]);
                }
                out.put(name, v);
            }
        }
        return out;
    }

    private static void close(double want, double got, String what) {
        assertTrue(Math.abs(want - got) <= 1e-6 + 1e-5 * Math.abs(want), what + ": expected " + want + ", got " + got);
    }

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    @Test
    void theScriptAndTheTestHaveTheSameCases() throws IOException {
        assertEquals(CASES.keySet(), expected().keySet(), "the Java cases and the script's cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndReductionsMatchKerasFormula(String name) throws IOException {
        Case c = CASES.get(name);
        double[][] want = expected().get(name);
        NDArray none = c.loss().get().reduction("none").call(c.y(), c.p());
        assertArrayEquals(new int[] {3}, none.shape(), name);
        for (int r = 0; r < 3; r++) close(want[0][r], none.get(r), name + " sample " + r);
        NDArray mean = c.loss().get().call(c.y(), c.p());
        assertEquals(0, mean.ndim(), "a reduced loss is a 0-d array");
        close(want[1][0], mean.get(), name + " sum_over_batch_size");
        close(want[2][0], c.loss().get().reduction("sum").call(c.y(), c.p()).get(), name + " sum");
    }

    /** The gradient of the batch's summed loss against central differences of the loss itself, in double. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String name) {
        Loss loss = CASES.get(name).loss().get();
        float[] p = CASES.get(name).p().toFloatArray(), y = CASES.get(name).y().toFloatArray();
        int rows = 3, c = 4;
        float[] dp = new float[p.length];
        loss.gradRows(p, 0, y, 0, rows, c, 1f, dp, 0);
        for (int i = 0; i < p.length; i++) {
            float keep = p[i], h = 1e-3f * Math.max(1f, Math.abs(keep));
            p[i] = keep + h;
            float up = p[i];
            double lu = loss.lossSum(p, 0, y, 0, rows, c);
            p[i] = keep - h;
            float down = p[i];
            double ld = loss.lossSum(p, 0, y, 0, rows, c);
            p[i] = keep;
            double numeric = (lu - ld) / ((double) up - down);
            assertTrue(Math.abs(numeric - dp[i]) <= 2e-3 * Math.max(1, Math.abs(numeric)),
                    name + " d/dp[" + i + "]: finite differences " + numeric + ", grad " + dp[i]);
        }
    }

    @Test
    void namesAndAliases() {
        assertInstanceOf(Huber.class, Losses.get("huber"));
        assertInstanceOf(Huber.class, Losses.get("Huber"));
        assertInstanceOf(KLDivergence.class, Losses.get("kld"));
        assertInstanceOf(KLDivergence.class, Losses.get("KLDivergence"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
        assertInstanceOf(LogCosh.class, Losses.get("log_cosh"));
        assertInstanceOf(CategoricalFocalCrossentropy.class, Losses.get("categorical_focal_crossentropy"));
        assertEquals("huber_loss", new Huber().name());
        for (String n : Losses.NAMES) assertNotNull(Losses.get(n), n);
        assertThrows(IllegalArgumentException.class, () -> Losses.get("hubber"));
    }

    @Test
    void badArgumentsSayWhat() {
        assertThrows(IllegalArgumentException.class, () -> new Huber().reduction("avg"));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().labelSmoothing(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().labelSmoothing(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().call(NDArray.zeros(3, 2), NDArray.zeros(3, 4)));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(3, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction("none").reductionDivisor(4));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
