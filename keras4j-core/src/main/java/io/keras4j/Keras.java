package io.keras4j;

import io.keras4j.layers.Layer;
import java.util.List;

/** Entry points of the {@code keras} namespace that are not classes of their own. */
public final class Keras {
    private Keras() {}

    /**
     * {@code keras.Input(shape)}: a symbolic input of a functional model, {@code shape} without the
     * batch dimension. Named {@code input_layer}, {@code input_layer_1}, ... as Keras 3 names them.
     */
    public static KerasTensor input(int... shape) {
        if (shape == null || shape.length == 0) throw new IllegalArgumentException("Keras.input needs a shape, e.g. input(784)");
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("Keras.input: shape dimensions must be positive, got "
                    + NDArray.shapeString(shape));
        }
        String name = Layer.uniqueName("input_layer");
        return new KerasTensor(shape, name, List.of(), name);
    }
}
