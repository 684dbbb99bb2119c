package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import java.util.Map;

/**
 * {@code keras.layers.Reshape(target_shape)}: the same values per sample in another shape
 * (row-major order kept), {@code (batch, ..) -> (batch, *targetShape)}. One entry may be -1: it
 * takes whatever size makes the counts match. No weights.
 * <pre>{@code
 * model.add(new Reshape(28, 28, 1));   // (batch, 784) -> (batch, 28, 28, 1)
 * }</pre>
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    /** @param targetShape the shape without the batch dimension; at most one -1 */
    public Reshape(int... targetShape) {
        super("reshape");
        if (targetShape == null || targetShape.length == 0) throw new IllegalArgumentException("Reshape: target_shape must not be empty");
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) unknown++;
            else if (d <= 0) throw new IllegalArgumentException("Reshape: target_shape dimensions must be positive or one -1, got "
                    + NDArray.shapeString(targetShape));
        }
        if (unknown > 1) throw new IllegalArgumentException("Reshape: at most one -1 in target_shape, got " + NDArray.shapeString(targetShape));
        this.targetShape = targetShape.clone();
    }

    @Override
    public Reshape name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Reshape inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected void validateInput(int[] in) {
        int size = 1, known = 1;
        for (int d : in) size *= d;
        boolean unknown = false;
        for (int d : targetShape) {
            if (d == -1) unknown = true;
            else known *= d;
        }
        if (unknown ? size % known != 0 : size != known) {
            throw new IllegalArgumentException(describe() + ": cannot reshape input " + NDArray.shapeString(withBatch(in))
                    + " (" + size + " values a sample) to target_shape " + tuple(targetShape)
                    + (unknown ? " (a multiple of " + known + " values needed)" : ", output (None, "
                    + tuple(targetShape).substring(1) + " (" + known + " values)"));
        }
    }

    /** (4, -1) as Keras prints a tuple, -1 kept. */
    private static String tuple(int[] t) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < t.length; i++) b.append(i > 0 ? ", " : "").append(t[i]);
        return b.append(t.length == 1 ? ",)" : ")").toString();
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        return new io.keras4j.engine.ops.Reshape(x, computeOutputShape(Formats.withoutFirst(x.shape()))).output();
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int size = 1, known = 1;
        for (int d : in) size *= d;
        for (int d : targetShape) if (d != -1) known *= d;
        int[] out = targetShape.clone();
        for (int i = 0; i < out.length; i++) if (out[i] == -1) out[i] = size / known;
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Reshape fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Reshape(c.getInts("target_shape")));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("target_shape", Formats.list(targetShape));
        return c;
    }
}
