package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.Gather;
import java.util.Map;

/**
 * {@code keras.layers.Permute(dims)}: permutes the axes of each sample; {@code dims} numbers them
 * from 1 (the batch axis is 0 and stays), as Keras: output axis i is input axis {@code dims[i-1]}.
 * No weights.
 * <pre>{@code
 * model.add(new Permute(2, 1));   // (batch, 10, 64) -> (batch, 64, 10)
 * }</pre>
 */
public class Permute extends Layer {
    private final int[] dims;

    /** @param dims a permutation of 1..rank (batch excluded) */
    public Permute(int... dims) {
        super("permute");
        if (dims == null || dims.length == 0) throw new IllegalArgumentException("Permute: dims must not be empty");
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute: dims must be a permutation of 1.." + dims.length + " (1-based, as Keras), got "
                        + java.util.Arrays.toString(dims));
            }
            seen[d] = true;
        }
        this.dims = dims.clone();
    }

    @Override
    public Permute name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Permute inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != dims.length) {
            throw new IllegalArgumentException(describe() + ": dims " + java.util.Arrays.toString(dims) + " permute "
                    + dims.length + " axes, but input " + NDArray.shapeString(withBatch(in)) + " has " + in.length);
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] perm = new int[dims.length];
        for (int i = 0; i < dims.length; i++) perm[i] = dims[i] - 1;
        return Gather.transpose(x, perm);
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) out[i] = in[dims[i] - 1];
        return out;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Permute fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return c.applyBase(new Permute(c.getInts("dims")));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("dims", Formats.list(dims));
        return c;
    }
}
