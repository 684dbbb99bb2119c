package io.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.optimizers.schedules.CosineDecay;
import io.keras4j.optimizers.schedules.ExponentialDecay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three steps of every optimizer on a 5-element arena of two variables (sizes 3 and 2), with
 * clipping, weight decay, schedules and EMA, against {@code optimizers/expected.txt}: Keras 3's
 * formulas replayed in double precision by {@code optimizers/reference_optimizers.py} (kept
 * beside it; the cases there and here have the same names and settings).
 */
class OptimizerStepsTest {
    static final float[] W0 = {0.5f, -1.2f, 2.0f, 0.3f, -0.7f};
    static final float[][] GRADS = {
        {0.1f, -0.4f, 0.9f, 2.5f, -1.5f},
        {-0.3f, 0.2f, 0.05f, 1.0f, 0.4f},
        {0.6f, -0.1f, -0.8f, -2.0f, 0.25f},
    };

    static final Map<String, Supplier<Optimizer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sgd_nesterov_clipvalue_wd", () -> new SGD(0.1).momentum(0.9).nesterov(true).weightDecay(0.01).clipvalue(0.5));
        CASES.put("sgd_exponential_schedule", () -> new SGD(new ExponentialDecay(0.1, 1, 0.5)));
        CASES.put("sgd_momentum_keras2_decay", () -> new SGD(0.1).momentum(0.5).decay(0.5));
        CASES.put("adam_clipnorm_wd", () -> new Adam(0.01).weightDecay(0.1).clipnorm(1.0));
        CASES.put("rmsprop_global_clipnorm", () -> new RMSprop(0.01).globalClipnorm(1.0));
        CASES.put("adagrad_clipvalue_wd", () -> new Adagrad(0.1).weightDecay(0.05).clipvalue(1.0));
        CASES.put("adamw_clipnorm", () -> new AdamW(0.01).weightDecay(0.1).clipnorm(1.0));
        CASES.put("adamw_defaults", AdamW::new);
        CASES.put("adadelta_clipnorm", () -> new Adadelta(1.0).clipnorm(0.5));
        CASES.put("adamax_global_clipnorm_wd", () -> new Adamax(0.01).weightDecay(0.01).globalClipnorm(2.0));
        CASES.put("nadam_clipvalue_wd", () -> new Nadam(0.01).weightDecay(0.02).clipvalue(0.5));
        CASES.put("lion_clipnorm_wd", () -> new Lion().weightDecay(0.1).clipnorm(1.0));
        CASES.put("adam_cosine_schedule_ema", () -> new Adam(new CosineDecay(0.1, 4).warmupTarget(0.2).warmupSteps(2))
                .useEma(true).emaMomentum(0.9).weightDecay(0.01));
    }

    static Map<String, List<double[]>> expected() throws IOException {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        try (InputStream in = OptimizerStepsTest.class.getResourceAsStream("/optimizers/expected.txt")) {
            assertNotNull(in, "optimizers/expected.txt on the test class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split(" ");
                double[] w = new double[f.length - 2];
                for (int i = 0; i < w.length; i++) w[i] = Double.parseDouble(f[i + 2]);
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(w);
            }
        }
        return out;
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
    void threeStepsReplayKerasFormulas(String name) throws IOException {
        Optimizer opt = CASES.get(name).get();
        float[] w = W0.clone();
        opt.build(w.length, new int[] {3, 2});
        List<double[]> rows = expected().get(name);
        for (int step = 0; step < GRADS.length; step++) {
            opt.apply(w, GRADS[step].clone());
            assertClose(rows.get(step), w, name + " step " + (step + 1));
        }
        assertEquals(3, opt.iterations());
        if (rows.size() > 3) {
            opt.finalizeVariableValues(w);
            assertClose(rows.get(3), w, name + " finalized EMA weights");
        }
    }

    static void assertClose(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= 2e-6 + 2e-6 * Math.abs(want[i]),
                    what + " element " + i + ": expected " + want[i] + ", got " + got[i]);
        }
    }
}
