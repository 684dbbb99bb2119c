package io.keras4j.examples;

import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.saving.KerasFileException;
import java.nio.file.Path;

/**
 * {@code keras4j-convert in.h5 out.keras}: converts a legacy Keras 1/2 full-model {@code .h5} (or
 * any file {@link Models#loadModel} reads) into Keras 3's {@code .keras}, which Keras 3 and keras4j
 * load: Keras 1 configs become Keras 3 configs, Theano kernels TensorFlow ones, Keras 1 LSTM
 * weights Keras 3's layout. The model is compiled in the output when the input's training config
 * names an optimizer and loss keras4j has. Run with {@code keras4j-examples/bin/keras4j-convert}.
 * Exit status: 0 converted, 1 the input could not be read or converted, 2 usage.
 */
public final class Keras4jConvert {
    private Keras4jConvert() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length != 2 || !args[1].endsWith(".keras")) {
            System.err.println("usage: keras4j-convert in.h5 out.keras");
            return 2;
        }
        try {
            Model m = Models.loadModel(Path.of(args[0]));
            m.save(Path.of(args[1]));
            System.out.println("converted " + args[0] + " to " + args[1] + " (" + m.getWeights().size() + " weight arrays)");
            return 0;
        } catch (KerasFileException | IllegalArgumentException e) {
            System.err.println("keras4j-convert: " + e.getMessage());
            return 1;
        }
    }
}
