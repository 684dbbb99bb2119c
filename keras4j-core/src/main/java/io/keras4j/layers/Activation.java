package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import java.util.Map;

/** {@code keras.layers.Activation}: applies an activation function by name; no weights. */
public class Activation extends Layer {
    private final String activation;

    public Activation(String activation) {
        super("activation");
        this.activation = Activations.canonical(activation);
    }

    @Override
    public Activation inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public Activation name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Activations.apply(activation, x);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Activation fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Activation(c.getString("activation", "linear")));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", activation);
        return c;
    }
}
