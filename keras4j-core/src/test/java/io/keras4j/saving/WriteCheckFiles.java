package io.keras4j.saving;

import io.keras4j.NDArray;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code .keras} files with keras4j, each with {@code <name>_io.json} (inputs and keras4j's
 * outputs), for {@code scripts/check-keras-file.py} to read with an independent HDF5 reader (h5py)
 * and, where it is installed, with Keras 3 itself. Not a test: run by hand (see that script):
 * <pre>
 * java -cp keras4j-core/target/classes:keras4j-core/target/test-classes:CLASSPATH io.keras4j.saving.WriteCheckFiles OUT_DIR [LEGACY_H5_DIR]
 * </pre>
 */
public final class WriteCheckFiles {
    private WriteCheckFiles() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        io.keras4j.utils.Utils.setRandomSeed(1);

        Functional f = FunctionalFilesTest.twoHeads();
        f.compile(new Adam().learningRate(0.01), List.of("mse", "sparse_categorical_crossentropy"), List.of(0.5, 2.0));
        NDArray xa = KerasArchiveTest.data(16, 4, 1), xb = KerasArchiveTest.data(16, 4, 2);
        f.fit(List.of(xa, xb), List.of(KerasArchiveTest.data(16, 1, 3), KerasArchiveTest.labels(16, 2, 4)),
                new FitOptions().epochs(2).batchSize(8).verbose(0));
        write(out, "functional", f, List.of(xa, xb), f.predictAll(xa, xb));

        // every merge layer
        io.keras4j.KerasTensor a = FunctionalFilesTest.input("a", 4), b = FunctionalFilesTest.input("b", 4);
        io.keras4j.KerasTensor ha = new Dense(3, "tanh").apply(a), hb = new Dense(3, "tanh").apply(b);
        Functional merges = Model.of(List.of(a, b), List.of(new Dense(2).apply(new io.keras4j.layers.Concatenate().apply(
                new io.keras4j.layers.Add().apply(ha, hb), new io.keras4j.layers.Subtract().apply(ha, hb),
                new io.keras4j.layers.Multiply().apply(ha, hb), new io.keras4j.layers.Average().apply(ha, hb),
                new io.keras4j.layers.Maximum().apply(ha, hb), new io.keras4j.layers.Minimum().apply(ha, hb),
                new io.keras4j.layers.Dot(1, true).apply(ha, hb), new io.keras4j.layers.Dot(1).apply(ha, hb)))));
        merges.compile(new Adam(), "mse");
        write(out, "merges", merges, List.of(xa, xb), List.of(merges.predict(xa, xb)));

        Sequential rnn = new Sequential();
        rnn.add(new LSTM(4).returnSequences(true).inputShape(5, 3));
        rnn.add(new Bidirectional(new GRU(2).returnSequences(true)));
        rnn.add(new TimeDistributed(new Dense(3)));
        rnn.add(new SimpleRNN(2));
        rnn.compile(new Adam(), "mse");
        NDArray x = NDArray.randn(4, 5, 3);
        rnn.fit(x, NDArray.randn(4, 2), new FitOptions().epochs(1).verbose(0));
        write(out, "rnn", rnn, List.of(x), List.of(rnn.predict(x)));

        if (args.length > 1) {
            // a Keras 2 LSTM (recurrent_activation hard_sigmoid) converted to Keras 3
            Sequential legacy = (Sequential) Models.loadModel(Path.of(args[1], "simple_lstm", "simple_lstm_tf_keras_2_model.h5"));
            int[] s = legacy.inputShape();
            int[] full = new int[s.length + 1];
            full[0] = 3;
            System.arraycopy(s, 0, full, 1, s.length);
            NDArray lx = NDArray.randn(full);
            write(out, "legacy_lstm", legacy, List.of(lx), List.of(legacy.predict(lx)));
        }
        for (Map.Entry<String, Model> e : extra().entrySet()) {
            NDArray in = NDArray.randn(e.getKey().startsWith("conv1d") ? new int[] {2, 9, 3} : new int[] {2, 8, 8, 3});
            write(out, e.getKey(), e.getValue(), List.of(in), List.of(e.getValue().predict(in)));
        }
        System.out.println("wrote " + out);
    }

    /** The conv layers with regularizers and constraints (Keras loads them; running them needs its conv ops). */
    static Map<String, Model> extra() {
        Map<String, Model> m = new LinkedHashMap<>();
        Sequential c1 = new Sequential();
        c1.add(new io.keras4j.layers.Conv1D(4, 3).kernelRegularizer("l2").biasRegularizer(new io.keras4j.regularizers.L1(0.2))
                .activityRegularizer("l1").kernelConstraint("max_norm").biasConstraint("non_neg").inputShape(9, 3));
        c1.add(new io.keras4j.layers.Flatten());
        c1.add(new Dense(2));
        c1.compile("adam", "mse");
        m.put("conv1d_penalties", c1);
        Sequential c2 = new Sequential();
        c2.add(new io.keras4j.layers.Conv2D(4, 3).kernelRegularizer(new io.keras4j.regularizers.L1L2(0.01, 0.02)).inputShape(8, 8, 3));
        c2.add(new io.keras4j.layers.DepthwiseConv2D(2).depthwiseRegularizer("l2").depthwiseConstraint("unit_norm"));
        c2.add(new io.keras4j.layers.SeparableConv2D(3, 2).pointwiseRegularizer("l1").pointwiseConstraint("min_max_norm")
                .activityRegularizer("l2"));
        c2.add(new io.keras4j.layers.Conv2DTranspose(2, 2).kernelConstraint("non_neg").biasRegularizer("l2"));
        c2.compile("adam", "mse");
        m.put("conv2d_penalties", c2);
        return m;
    }

    static void write(Path dir, String name, Model m, List<NDArray> ins, List<NDArray> outs) throws IOException {
        m.save(dir.resolve(name + ".keras"));
        Map<String, Object> io = new LinkedHashMap<>();
        io.put("inputs", arrays(ins));
        io.put("outputs", arrays(outs));
        Files.writeString(dir.resolve(name + "_io.json"), Json.write(io));
    }

    private static List<Object> arrays(List<NDArray> as) {
        List<Object> l = new ArrayList<>();
        for (NDArray a : as) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> shape = new ArrayList<>();
            for (int d : a.shape()) shape.add(d);
            List<Object> data = new ArrayList<>();
            for (float v : a.toFloatArray()) data.add((double) v);
            m.put("shape", shape);
            m.put("data", data);
            l.add(m);
        }
        return l;
    }
}
