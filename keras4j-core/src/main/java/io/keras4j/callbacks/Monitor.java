package io.keras4j.callbacks;

/**
 * Whether a logged quantity improves upwards or downwards, as Keras's metrics declare it with
 * their {@code _direction}: losses and errors go down; accuracies, AUC, precision, recall, F1 and
 * IoU go up. Used by {@code mode="auto"}.
 */
final class Monitor {
    private Monitor() {}

    /** True when higher is better, false when lower is, null when unknown. {@code val_} is ignored. */
    static Boolean up(String monitor) {
        String m = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if (m.equals("loss") || m.endsWith("_loss")) return false;
        for (String s : new String[] {"accuracy", "auc", "precision", "recall", "f1_score", "fbeta_score", "iou",
                "r2_score", "cosine_similarity", "true_positives", "true_negatives"}) {
            if (m.contains(s)) return true;
        }
        for (String s : new String[] {"mse", "mae", "mape", "msle", "error", "crossentropy", "hinge", "divergence",
                "poisson", "log_cosh", "false_positives", "false_negatives"}) {
            if (m.contains(s)) return false;
        }
        return null;
    }

    static String checkMode(String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException("mode must be \"auto\", \"min\" or \"max\", got \"" + mode + "\"");
        }
        return mode;
    }

    /** Keras stores the learning rate as float32: what {@code float(optimizer.learning_rate)} reads. */
    static double learningRate(Callback c) {
        return (double) (float) optimizer(c).getLearningRate();
    }

    static io.keras4j.optimizers.Optimizer optimizer(Callback c) {
        if (c.getModel() == null || c.getModel().getOptimizer() == null) {
            throw new IllegalStateException(c.getClass().getSimpleName() + " needs a compiled model");
        }
        return c.getModel().getOptimizer();
    }
}
