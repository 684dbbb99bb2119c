package io.keras4j.metrics;

import java.util.List;
import java.util.Locale;

/**
 * {@code keras.metrics.get} by Keras's function or class name ({@code "precision"}, {@code "auc"},
 * {@code "f1_score"}, {@code "mape"}, ...; {@code MeanIoU} needs its class count, so only as an
 * object), logged under the string given, and the {@code "accuracy"} convenience of Keras 3's compile: the
 * variant is chosen from the shapes — binary when predictions have one value per row, sparse
 * categorical when targets have one value per row (or one dimension less), categorical otherwise.
 */
public final class Metrics {
    public static final List<String> NAMES = List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "mae", "mean_absolute_error", "mse", "mean_squared_error",
            "precision", "recall", "auc", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "f1_score",
            "f1score", "root_mean_squared_error", "rootmeansquarederror", "mape", "mean_absolute_percentage_error",
            "meanabsolutepercentageerror", "topkcategoricalaccuracy", "sparsetopkcategoricalaccuracy");

    private Metrics() {}

    /** Checks a metric string early (at compile), listing the valid ones on error. */
    public static void validate(String name) {
        if (name == null || !NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown metric '" + name + "'; valid metrics: " + String.join(", ", NAMES));
        }
    }

    /**
     * The metric for {@code name} given the shapes (with batch) of targets and predictions.
     */
    public static Metric get(String name, int[] yTrueShape, int[] yPredShape) {
        validate(name);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "accuracy":
            case "acc": {
                int pLast = yPredShape[yPredShape.length - 1];
                int tLast = yTrueShape[yTrueShape.length - 1];
                boolean binary = pLast == 1;
                boolean sparse = yTrueShape.length < yPredShape.length || (tLast == 1 && pLast > 1);
                if (binary) return new BinaryAccuracy(name);
                if (sparse) return new SparseCategoricalAccuracy(name);
                return new CategoricalAccuracy(name);
            }
            case "binary_accuracy": return new BinaryAccuracy(name);
            case "categorical_accuracy": return new CategoricalAccuracy(name);
            case "sparse_categorical_accuracy": return new SparseCategoricalAccuracy(name);
            case "mae": case "mean_absolute_error": return new MeanError(name, false);
            case "mse": case "mean_squared_error": return new MeanError(name, true);
            case "precision": return new Precision().name(name);
            case "recall": return new Recall().name(name);
            case "auc": return new AUC().name(name);
            case "top_k_categorical_accuracy": case "topkcategoricalaccuracy": return new TopKCategoricalAccuracy().name(name);
            case "sparse_top_k_categorical_accuracy": case "sparsetopkcategoricalaccuracy":
                return new SparseTopKCategoricalAccuracy().name(name);
            case "f1_score": case "f1score": return new F1Score().name(name);
            case "root_mean_squared_error": case "rootmeansquarederror": return new RootMeanSquaredError().name(name);
            default: return new MeanAbsolutePercentageError(name);
        }
    }
}
