package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.keras4j.NDArray;
import io.keras4j.optimizers.Adagrad;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.optimizers.SGD;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Scanner;

/**
 * One run of {@code src/test/resources/reference/*.txt} (format in that folder's README), with the
 * checks the runs are compared by. Public (and in keras4j-core's test-jar) for keras4j-spark's tests.
 */
public final class ReferenceRun {
    public String name;
    public int inputDim;
    public final List<Integer> units = new ArrayList<>();
    public final List<String> activations = new ArrayList<>();
    public String loss, optimizer;
    public final Map<String, String> optimizerArgs = new LinkedHashMap<>();
    public int batchSize, epochs;
    public final List<NDArray> initialWeights = new ArrayList<>(), expectWeights = new ArrayList<>();
    public NDArray x, y, xTest, expectPred;
    public double[] expectLoss;

    public static ReferenceRun load(String resource) throws IOException {
        try (InputStream in = ReferenceRun.class.getResourceAsStream("/reference/" + resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            Scanner s = new Scanner(in, StandardCharsets.UTF_8).useLocale(Locale.ROOT);
            ReferenceRun r = new ReferenceRun();
            expect(s, "keras4j-reference");
            s.nextInt();
            expect(s, "name");
            r.name = s.next();
            expect(s, "input_dim");
            r.inputDim = s.nextInt();
            expect(s, "layers");
            int n = s.nextInt();
            for (int i = 0; i < n; i++) {
                expect(s, "dense");
                r.units.add(s.nextInt());
                r.activations.add(s.next());
            }
            readTraining(s, r);
            return r;
        }
    }

    /** Everything from {@code loss} to {@code end}: the part formats 1 and 2 share. */
    static void readTraining(Scanner s, ReferenceRun r) throws IOException {
        expect(s, "loss");
        r.loss = s.next();
        expect(s, "optimizer");
        r.optimizer = s.next();
        int k = s.nextInt();
        for (int i = 0; i < k; i++) {
            String[] kv = s.next().split("=", 2);
            r.optimizerArgs.put(kv[0], kv[1]);
        }
        expect(s, "batch_size");
        r.batchSize = s.nextInt();
        expect(s, "epochs");
        r.epochs = s.nextInt();
        expect(s, "weights");
        int m = s.nextInt();
        for (int i = 0; i < m; i++) r.initialWeights.add(array(s, "w"));
        r.x = array(s, "x");
        r.y = array(s, "y");
        r.xTest = array(s, "x_test");
        expect(s, "expect_loss");
        int e = s.nextInt();
        r.expectLoss = new double[e];
        for (int i = 0; i < e; i++) r.expectLoss[i] = Double.parseDouble(s.next());
        expect(s, "expect_weights");
        int w = s.nextInt();
        for (int i = 0; i < w; i++) r.expectWeights.add(array(s, "w"));
        r.expectPred = array(s, "expect_pred");
        expect(s, "end");
    }

    static void expect(Scanner s, String token) throws IOException {
        String t = s.next();
        if (!t.equals(token)) throw new IOException("expected '" + token + "', found '" + t + "'");
    }

    static NDArray array(Scanner s, String tag) throws IOException {
        expect(s, tag);
        int rank = s.nextInt();
        int[] shape = new int[rank];
        int size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = s.nextInt();
            size *= shape[i];
        }
        float[] d = new float[size];
        for (int i = 0; i < size; i++) d[i] = Float.parseFloat(s.next());
        return NDArray.of(d, shape);
    }

    /** The optimizer a run names, with its Keras arguments. */
    public static Optimizer optimizer(String kind, Map<String, String> a) {
        double lr = Double.parseDouble(a.getOrDefault("learning_rate", kind.equals("sgd") ? "0.01" : "0.001"));
        switch (kind) {
            case "sgd":
                return new SGD().learningRate(lr).momentum(Double.parseDouble(a.getOrDefault("momentum", "0")))
                        .nesterov(Boolean.parseBoolean(a.getOrDefault("nesterov", "false")))
                        .decay(Double.parseDouble(a.getOrDefault("decay", "0")));
            case "adam": return new Adam().learningRate(lr);
            case "rmsprop": return new RMSprop().learningRate(lr);
            case "adagrad": return new Adagrad().learningRate(lr);
            default: throw new IllegalArgumentException(kind);
        }
    }

    /** Fails unless {@code actual} is within {@code rel} (relative) or {@code abs} of {@code expected}. */
    public static void close(double expected, double actual, double rel, double abs, String what) {
        if (Math.abs(expected - actual) > Math.max(abs, rel * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    public static void closeAll(float[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], rel, abs, what + "[" + i + "]");
    }
}
