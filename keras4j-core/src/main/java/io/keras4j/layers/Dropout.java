package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.DropoutOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code keras.layers.Dropout(rate, noise_shape=None, seed=None)}: in training, each input is set
 * to 0 with probability {@code rate} and the others are scaled by {@code 1 / (1 - rate)} (inverted
 * dropout, so inference is the identity). No weights.
 * <ul>
 *   <li>{@code noiseShape}: the mask's shape, batch axis included, each entry the input's, 1
 *       (one mask value shared along that axis) or -1 (Keras's {@code None}: the input's);
 *       e.g. {@code noiseShape(-1, 1, -1)} drops the same features at every time step.</li>
 *   <li>{@code seed}: the layer draws from a stream of its own seeded with it; without one the
 *       masks come from the global stream of {@code Utils.setRandomSeed}, so a seeded run is
 *       reproducible either way.</li>
 * </ul>
 * <pre>{@code
 * model.add(new Dropout(0.5));
 * }</pre>
 */
public class Dropout extends Layer {
    private final double rate;
    private int[] noiseShape;
    private Long seed;
    private SplittableRandom stream;

    public Dropout(double rate) {
        this(rate, "dropout");
    }

    /** For the spatial variants: their Keras base name. */
    protected Dropout(double rate, String baseName) {
        super(baseName);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": rate must be a float between 0 and 1, got " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
    }

    /** The mask's shape with the batch axis; -1 (None) takes the input's size (default: the input's shape). */
    public Dropout noiseShape(int... shape) {
        for (int d : shape) {
            if (d == 0 || d < -1) throw new IllegalArgumentException(describe() + ": noise_shape entries are positive or -1 (None), got "
                    + java.util.Arrays.toString(shape));
        }
        this.noiseShape = shape.clone();
        return this;
    }

    /** Seeds the layer's own random stream (default: the global stream). */
    public Dropout seed(long seed) {
        this.seed = seed;
        this.stream = new SplittableRandom(seed);
        return this;
    }

    /** The seed, or null. */
    public Long seed() {
        return seed;
    }

    @Override
    public Dropout inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public Dropout name(String name) {
        super.name(name);
        return this;
    }

    /**
     * The mask's shape per sample for inputs of {@code inputShape} (without batch); the spatial
     * variants override it.
     */
    protected int[] noiseRowShape(int[] inputShape) {
        if (noiseShape == null) return inputShape.clone();
        int[] r = new int[inputShape.length];
        for (int d = 0; d < r.length; d++) r[d] = noiseShape[d + 1] == -1 ? inputShape[d] : noiseShape[d + 1];
        return r;
    }

    /** Whether one mask serves every sample (noise shape 1 on the batch axis). */
    protected boolean sharedOverBatch() {
        return noiseShape != null && noiseShape[0] == 1;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (noiseShape == null) return;
        boolean ok = noiseShape.length == inputShape.length + 1;
        for (int d = 0; ok && d < inputShape.length; d++) {
            int s = noiseShape[d + 1];
            ok = s == -1 || s == 1 || s == inputShape[d];
        }
        if (!ok) {
            throw new IllegalArgumentException(describe() + ": noise_shape " + NDArray.shapeString(noiseShape)
                    + " does not broadcast to input " + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) return x;
        int[] feat = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        return new DropoutOp(x, rate, noiseRowShape(feat), sharedOverBatch(), stream).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static Dropout fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        Dropout d = new Dropout(c.getDouble("rate"));
        if (c.has("noise_shape")) d.noiseShape(nullableInts(c.get("noise_shape")));
        if (c.has("seed")) d.seed(c.getInt("seed"));
        return c.applyBase(d);
    }

    /** A tuple whose entries may be null (Keras's None), as -1. */
    static int[] nullableInts(Object v) {
        if (v instanceof int[]) return ((int[]) v).clone();
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) r[i] = l.get(i) == null ? -1 : ((Number) l.get(i)).intValue();
            return r;
        }
        throw new IllegalArgumentException("noise_shape must be a list, got " + v);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        c.put("seed", seed);
        List<Integer> ns = null;
        if (noiseShape != null) {
            ns = new ArrayList<>();
            for (int d : noiseShape) ns.add(d == -1 ? null : d);
        }
        c.put("noise_shape", ns);
        return c;
    }
}
