package io.keras4j.losses;

import java.util.List;
import java.util.Locale;

/**
 * {@code keras.losses.get}: a loss by its Keras name, with Keras's aliases: the function name
 * ({@code "huber"}), the class name ({@code "Huber"}, matched without case) and the short names
 * ({@code "bce"}, {@code "kld"}, {@code "mse"}, {@code "mae"}). Each comes with its Keras defaults.
 */
public final class Losses {
    /** Every loss string {@link #get} accepts, besides the class names. */
    public static final List<String> NAMES = List.of("binary_crossentropy", "bce", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "mse", "mean_squared_error", "mae", "mean_absolute_error",
            "huber", "hinge", "squared_hinge", "categorical_hinge", "kl_divergence", "kld", "poisson", "log_cosh",
            "cosine_similarity", "binary_focal_crossentropy", "categorical_focal_crossentropy");

    private Losses() {}

    public static Loss get(String name) {
        if (name == null) throw new IllegalArgumentException("loss must not be null; valid losses: " + NAMES);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "binary_crossentropy": case "bce": case "binarycrossentropy": return new BinaryCrossentropy();
            case "categorical_crossentropy": case "categoricalcrossentropy": return new CategoricalCrossentropy();
            case "sparse_categorical_crossentropy": case "sparsecategoricalcrossentropy":
                return new SparseCategoricalCrossentropy();
            case "mse": case "mean_squared_error": case "meansquarederror": return new MeanSquaredError();
            case "mae": case "mean_absolute_error": case "meanabsoluteerror": return new MeanAbsoluteError();
            case "huber": case "huber_loss": return new Huber();
            case "hinge": return new Hinge();
            case "squared_hinge": case "squaredhinge": return new SquaredHinge();
            case "categorical_hinge": case "categoricalhinge": return new CategoricalHinge();
            case "kl_divergence": case "kld": case "kldivergence": case "kullback_leibler_divergence": return new KLDivergence();
            case "poisson": return new Poisson();
            case "log_cosh": case "logcosh": return new LogCosh();
            case "cosine_similarity": case "cosinesimilarity": return new CosineSimilarity();
            case "binary_focal_crossentropy": case "binaryfocalcrossentropy": return new BinaryFocalCrossentropy();
            case "categorical_focal_crossentropy": case "categoricalfocalcrossentropy": return new CategoricalFocalCrossentropy();
            default:
                throw new IllegalArgumentException("Unknown loss '" + name + "'; valid losses: " + String.join(", ", NAMES));
        }
    }
}
