package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.*;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files' round trips for every layer class: one configured instance of each concrete layer in
 * {@code io.keras4j.layers} (non-default arguments where it has them) goes in a {@link Sequential},
 * gets random weights (non-trainable ones too), and must predict exactly the same after
 * <ol>
 *   <li>{@code save(.keras)} then {@link Models#loadModel};</li>
 *   <li>{@code saveWeights(.weights.h5)} into a fresh copy of the model that {@code loadWeights};</li>
 *   <li>{@code toJson()} then {@link Models#modelFromJson} (same config JSON) with the weights set.</li>
 * </ol>
 * {@link #everyLayerClassHasACase()} fails when a layer class is added without a case here.
 */
class LayerFilesRoundTripTest {
    /** {@code then}: a layer after it (null: none), for a layer whose output mask a model output cannot carry. */
    record Case(String name, Supplier<Layer> layer, int[] input, int intInputsBelow, Supplier<Layer> then) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(Supplier<Layer> layer, int... input) {
        return new Case(layer.get().getClass().getSimpleName(), layer, input, 0, null);
    }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        l.add(c(() -> new Activation("softmax"), 2, 5));
        l.add(c(() -> new AveragePooling1D(3).strides(2).padding("same"), 6, 3));
        l.add(c(() -> new AveragePooling2D(3).strides(2).padding("same"), 5, 4, 3));
        l.add(c(() -> new BatchNormalization().momentum(0.9), 3, 4));
        l.add(c(() -> new Bidirectional(new LSTM(2)), 4, 3));
        l.add(c(() -> new Conv1D(3, 2, "relu").padding("same"), 5, 2));
        l.add(c(() -> new Conv2D(4, 3).padding("same"), 5, 5, 2));
        l.add(c(() -> new Conv2DTranspose(3, 2, 2).strides(2), 3, 3, 2));
        l.add(c(() -> new Cropping1D(0, 2), 5, 3));
        l.add(c(() -> new Cropping2D(1), 4, 5, 2));
        l.add(c(() -> new Dense(3, "tanh"), 4));
        l.add(c(() -> new DepthwiseConv2D(3).padding("same"), 4, 4, 2));
        l.add(c(() -> new Dropout(0.5), 6));
        l.add(c(() -> new ELU(0.5), 2, 3));
        l.add(new Case("Embedding", () -> new Embedding(7, 3), new int[] {5}, 7, null));
        l.add(c(() -> new Flatten().dataFormat("channels_first"), 2, 3, 4));
        l.add(c(() -> new GRU(3).returnSequences(true), 4, 2));
        l.add(c(() -> new GaussianNoise(0.1), 5));
        l.add(c(() -> new GlobalAveragePooling1D().keepdims(true), 6, 3));
        l.add(c(() -> new GlobalAveragePooling2D().dataFormat("channels_first"), 3, 4, 5));
        l.add(c(() -> new GlobalMaxPooling1D().dataFormat("channels_first"), 4, 6));
        l.add(c(() -> new GlobalMaxPooling2D().keepdims(true), 2, 3, 3));
        l.add(c(() -> new LSTM(3).goBackwards(true), 4, 2));
        l.add(c(() -> new LayerNormalization().epsilon(1e-5), 3, 5));
        l.add(c(() -> new LeakyReLU(0.05), 5));
        l.add(new Case("Masking", () -> new Masking(0.5), new int[] {4, 3}, 0, () -> new SimpleRNN(2)));
        l.add(c(() -> new MaxPooling1D(3).strides(1).padding("same"), 5, 2));
        l.add(c(() -> new MaxPooling2D(3, 2).strides(2, 1).padding("same"), 5, 4, 2));
        l.add(c(() -> new PReLU().sharedAxes(1, 2), 3, 2, 4));
        l.add(c(() -> new Permute(2, 1), 3, 5));
        l.add(c(() -> new ReLU().maxValue(0.5).negativeSlope(0.1).threshold(0.2), 2, 5));
        l.add(c(() -> new RepeatVector(3), 4));
        l.add(c(() -> new Rescaling(1 / 255.0), 4, 4, 1));
        l.add(c(() -> new Reshape(4, 6), 2, 3, 4));
        l.add(c(() -> new SeparableConv2D(3, 3).padding("same"), 4, 4, 2));
        l.add(c(() -> new SimpleRNN(3).activation("relu"), 4, 2));
        l.add(c(() -> new Softmax(1), 3, 4));
        l.add(c(() -> new SpatialDropout1D(0.3), 4, 3));
        l.add(c(() -> new SpatialDropout2D(0.3).seed(3), 2, 2, 3));
        l.add(c(() -> new ThresholdedReLU(0.3), 6));
        l.add(c(() -> new TimeDistributed(new Dense(3, "tanh")), 4, 2));
        l.add(c(() -> new UpSampling1D(2), 3, 2));
        l.add(c(() -> new UpSampling2D(2, 3), 2, 2, 3));
        l.add(c(() -> new ZeroPadding1D(0, 2), 3, 2));
        l.add(c(() -> new ZeroPadding2D(1, 0, 2, 1), 2, 3, 2));
        return l;
    }

    static Stream<Arguments> arguments() {
        return cases().stream().map(Arguments::of);
    }

    private static Sequential model(Case k) {
        Sequential m = new Sequential();
        m.add(k.layer().get().inputShape(k.input()));
        if (k.then() != null) m.add(k.then().get());
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void keras_weightsH5_andJsonRoundTrips(Case k, @TempDir Path dir) {
        Random r = new Random(k.name().hashCode());
        Sequential m = model(k);
        NDArray x = input(k, r);
        m.predict(x);
        List<NDArray> w = new ArrayList<>();
        for (NDArray a : m.getWeights()) {
            float[] v = new float[a.size()];
            for (int i = 0; i < v.length; i++) v[i] = 0.5f + r.nextFloat();
            w.add(NDArray.of(v, a.shape()));
        }
        m.setWeights(w);
        float[] y = m.predict(x).toFloatArray();

        Path keras = dir.resolve("m.keras");
        m.save(keras);
        Model loaded = Models.loadModel(keras);
        assertArrayEquals(y, loaded.predict(x).toFloatArray(), 0f, k + ": .keras round trip predicts differently");
        assertEquals(m.toJson(), loaded.toJson(), k + ": .keras round trip changed the config");

        Path weights = dir.resolve("m.weights.h5");
        m.saveWeights(weights);
        Sequential fresh = model(k);
        fresh.predict(x);
        fresh.loadWeights(weights);
        assertArrayEquals(y, fresh.predict(x).toFloatArray(), 0f, k + ": .weights.h5 round trip predicts differently");

        String json = m.toJson();
        Model fromJson = Models.modelFromJson(json);
        assertEquals(json, fromJson.toJson(), k + ": JSON round trip changed the config");
        fromJson.setWeights(w);
        assertArrayEquals(y, fromJson.predict(x).toFloatArray(), 0f, k + ": JSON round trip predicts differently");
    }

    private static NDArray input(Case k, Random r) {
        int n = 3, size = n;
        for (int d : k.input()) size *= d;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = k.intInputsBelow() > 0 ? r.nextInt(k.intInputsBelow()) : (float) (r.nextDouble() * 2 - 1);
        }
        if (k.name().equals("Masking")) for (int i = 0; i < size; i += 9) v[i] = v[i + 1] = v[i + 2] = 0.5f;
        int[] shape = new int[k.input().length + 1];
        shape[0] = n;
        System.arraycopy(k.input(), 0, shape, 1, k.input().length);
        return NDArray.of(v, shape);
    }

    @Test
    void everyLayerClassHasACase() throws Exception {
        File folder = new File(Layer.class.getResource("Layer.class").toURI()).getParentFile();
        Set<String> concrete = new TreeSet<>();
        for (String f : folder.list()) {
            if (!f.endsWith(".class") || f.contains("$")) continue;
            Class<?> cl = Class.forName("io.keras4j.layers." + f.substring(0, f.length() - 6));
            // merge layers take several inputs: only a functional model holds them (their file round
            // trips are FunctionalFilesTest.everyMergeLayerRoundTrips)
            boolean merge = io.keras4j.layers.Merge.class.isAssignableFrom(cl);
            if (Layer.class.isAssignableFrom(cl) && !merge && !Modifier.isAbstract(cl.getModifiers()) && Modifier.isPublic(cl.getModifiers())) {
                concrete.add(cl.getSimpleName());
            }
        }
        Set<String> covered = cases().stream().map(Case::name).collect(Collectors.toCollection(TreeSet::new));
        concrete.removeAll(covered);
        assertTrue(concrete.isEmpty(), "layer classes without a round-trip case: " + concrete);
    }
}
