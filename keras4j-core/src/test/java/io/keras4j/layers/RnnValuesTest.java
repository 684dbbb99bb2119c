package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forward values of the sequence layers against independent references: TensorFlow.js 4.22's
 * Keras layers ({@code rnn/rnn_values.txt}, made by {@code rnn/make_rnn_values.js} with the same
 * formula-given weights and inputs), and for GRU with {@code reset_after=True}, which tfjs lacks,
 * Keras's formula stepped through in double precision here.
 */
class RnnValuesTest {
    private static final Map<String, float[]> VALUES = new HashMap<>();
    private static final Map<String, int[]> SHAPES = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = RnnValuesTest.class.getResourceAsStream("/rnn/rnn_values.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                String[] p = line.trim().split(" ");
                String[] dims = p[1].replaceAll("[\\[\\]]", "").split(",");
                int[] shape = new int[dims.length];
                for (int i = 0; i < dims.length; i++) shape[i] = Integer.parseInt(dims[i]);
                String[] vs = p[2].split(",");
                float[] v = new float[vs.length];
                for (int i = 0; i < vs.length; i++) v[i] = Float.parseFloat(vs[i]);
                SHAPES.put(p[0], shape);
                VALUES.put(p[0], v);
            }
        }
    }

    /** Weight k, flat index i: 0.5 sin(0.7 i + 1.3 k), as the script. */
    static NDArray weight(int k, int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (0.5 * Math.sin(0.7 * i + 1.3 * k));
        return NDArray.of(v, shape);
    }

    static NDArray input(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.cos(0.45 * i);
        return NDArray.of(v, shape);
    }

    private static float[] predict(Layer layer, NDArray x, int... inputShape) {
        Sequential m = new Sequential();
        layer.inputShape(inputShape);
        m.add(layer);
        List<NDArray> ws = new ArrayList<>();
        List<NDArray> current = m.getWeights();
        for (int k = 0; k < current.size(); k++) ws.add(weight(k, current.get(k).shape()));
        m.setWeights(ws);
        return m.predict(x).toFloatArray();
    }

    private static void check(String name, Layer layer) {
        int[] shape = SHAPES.get(name);
        float[] got = name.equals("embedding")
                ? predict(layer, NDArray.of(new float[] {0, 3, 1, 4, 2, 0}, 2, 3), 3)
                : predict(layer, input(2, 4, 3), 4, 3);
        float[] want = VALUES.get(name);
        assertEquals(want.length, got.length, name + ": size of " + NDArray.shapeString(shape));
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 2e-6 + 1e-5 * Math.abs(want[i]), name + "[" + i + "]");
        }
    }

    @Test
    void simpleRnnSequencesBackwards() {
        check("simple_rnn_seq_back", new SimpleRNN(3).returnSequences(true).goBackwards(true));
    }

    @Test
    void lstmSequences() {
        check("lstm_seq", new LSTM(3).returnSequences(true));
    }

    @Test
    void lstmBackwards() {
        check("lstm_back", new LSTM(2).goBackwards(true));
    }

    @Test
    void gruResetBeforeSequences() {
        check("gru_before_seq", new GRU(3).resetAfter(false).returnSequences(true));
    }

    @Test
    void bidirectionalLstmConcat() {
        check("bidi_lstm_seq_concat", new Bidirectional(new LSTM(2).returnSequences(true)));
    }

    @Test
    void bidirectionalGruAve() {
        check("bidi_gru_ave", new Bidirectional(new GRU(2).resetAfter(false)).mergeMode("ave"));
    }

    @Test
    void embedding() {
        check("embedding", new Embedding(5, 3));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * GRU reset_after=True, Keras's formula step by step in double:
     * z = sig(x Wz + bz + h Rz + b'z), r = sig(x Wr + br + h Rr + b'r),
     * hh = tanh(x Wh + bh + r*(h Rh + b'h)), h = z*h + (1-z)*hh.
     */
    @Test
    void gruResetAfterAgainstTheFormula() {
        int n = 2, steps = 4, in = 3, u = 3;
        for (boolean backwards : new boolean[] {false, true}) {
            float[] got = predict(new GRU(u).returnSequences(true).goBackwards(backwards), input(n, steps, in), steps, in);
            float[] xv = input(n, steps, in).toFloatArray();
            float[] w = weight(0, new int[] {in, 3 * u}).toFloatArray();
            float[] rk = weight(1, new int[] {u, 3 * u}).toFloatArray();
            float[] b = weight(2, new int[] {2, 3 * u}).toFloatArray();
            float[] want = new float[n * steps * u];
            for (int s = 0; s < n; s++) {
                double[] h = new double[u];
                for (int step = 0; step < steps; step++) {
                    int t = backwards ? steps - 1 - step : step;
                    double[] xp = new double[3 * u], hr = new double[3 * u];
                    for (int c = 0; c < 3 * u; c++) {
                        xp[c] = b[c];
                        hr[c] = b[3 * u + c];
                        for (int f = 0; f < in; f++) xp[c] += xv[(s * steps + t) * in + f] * w[f * 3 * u + c];
                        for (int j = 0; j < u; j++) hr[c] += h[j] * rk[j * 3 * u + c];
                    }
                    double[] next = new double[u];
                    for (int j = 0; j < u; j++) {
                        double z = sigmoid(xp[j] + hr[j]);
                        double r = sigmoid(xp[u + j] + hr[u + j]);
                        double hh = Math.tanh(xp[2 * u + j] + r * hr[2 * u + j]);
                        next[j] = z * h[j] + (1 - z) * hh;
                    }
                    h = next;
                    for (int j = 0; j < u; j++) want[(s * steps + step) * u + j] = (float) h[j];
                }
            }
            assertArrayEquals(want, got, 2e-6f, "GRU reset_after=True, go_backwards=" + backwards);
        }
    }
}
