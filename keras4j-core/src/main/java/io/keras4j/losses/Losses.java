package io.keras4j.losses;

import java.util.List;
import java.util.Locale;

/** {@code keras.losses.get}: a loss by its Keras name. */
public final class Losses {
    /** Every loss string {@link #get} accepts. */
    public static final List<String> NAMES = List.of("binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "mse", "mean_squared_error", "mae", "mean_absolute_error");

    private Losses() {}

    public static Loss get(String name) {
        if (name == null) throw new IllegalArgumentException("loss must not be null; valid losses: " + NAMES);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "binary_crossentropy": return new BinaryCrossentropy();
            case "categorical_crossentropy": return new CategoricalCrossentropy();
            case "sparse_categorical_crossentropy": return new SparseCategoricalCrossentropy();
            case "mse": case "mean_squared_error": return new MeanSquaredError();
            case "mae": case "mean_absolute_error": return new MeanAbsoluteError();
            default:
                throw new IllegalArgumentException("Unknown loss '" + name + "'; valid losses: " + String.join(", ", NAMES));
        }
    }
}
