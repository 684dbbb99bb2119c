package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.RepeatRows;
import java.util.Map;

/**
 * {@code keras.layers.RepeatVector(n)}: repeats a {@code (None, features)} input {@code n} times,
 * giving {@code (None, n, features)} (e.g. an encoder's state fed to every step of a decoder).
 */
public class RepeatVector extends Layer {
    private final int n;

    public RepeatVector(int n) {
        super("repeat_vector");
        if (n <= 0) throw new IllegalArgumentException("RepeatVector: n must be a positive integer, got " + n);
        this.n = n;
    }

    @Override
    public RepeatVector name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public RepeatVector inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    public int n() {
        return n;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 2 (None, features), got "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return new RepeatRows(x, n).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return new int[] {n, inputShape[0]};
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static RepeatVector fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new RepeatVector(c.getInt("n")));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("n", n);
        return c;
    }
}
