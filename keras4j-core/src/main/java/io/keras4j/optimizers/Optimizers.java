package io.keras4j.optimizers;

import java.util.List;
import java.util.Locale;

/** {@code keras.optimizers.get}: an optimizer by name, with its Keras defaults. */
public final class Optimizers {
    public static final List<String> NAMES = List.of("sgd", "adam", "rmsprop", "adagrad", "adamw", "adadelta", "adamax", "nadam", "lion");

    private Optimizers() {}

    public static Optimizer get(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "sgd": return new SGD();
            case "adam": return new Adam();
            case "rmsprop": return new RMSprop();
            case "adagrad": return new Adagrad();
            case "adamw": return new AdamW();
            case "adadelta": return new Adadelta();
            case "adamax": return new Adamax();
            case "nadam": return new Nadam();
            case "lion": return new Lion();
            default:
                throw new IllegalArgumentException("Unknown optimizer '" + name + "'; valid optimizers: " + String.join(", ", NAMES));
        }
    }
}
