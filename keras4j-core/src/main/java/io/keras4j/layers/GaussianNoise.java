package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.GaussianNoiseOp;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code keras.layers.GaussianNoise(stddev, seed=None)}: in training adds zero-mean Gaussian
 * noise of standard deviation {@code stddev} to every input; inference is the identity. The noise
 * comes from the global stream of {@code Utils.setRandomSeed}, or from the layer's own stream
 * when it has a {@code seed}. No weights.
 */
public class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;
    private SplittableRandom stream;

    public GaussianNoise(double stddev) {
        super("gaussian_noise");
        if (!(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("GaussianNoise: stddev must be a finite number >= 0, got " + stddev);
        }
        this.stddev = stddev;
    }

    /** Keras's positional {@code stddev, seed}. */
    public GaussianNoise(double stddev, long seed) {
        this(stddev);
        seed(seed);
    }

    /** Seeds the layer's own random stream (default: the global stream). */
    public GaussianNoise seed(long seed) {
        this.seed = seed;
        this.stream = new SplittableRandom(seed);
        return this;
    }

    @Override
    public GaussianNoise inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public GaussianNoise name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || stddev == 0) return x;
        return new GaussianNoiseOp(x, stddev, stream).output();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static GaussianNoise fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        GaussianNoise g = new GaussianNoise(c.getDouble("stddev"));
        if (c.has("seed")) g.seed(c.getInt("seed"));
        return c.applyBase(g);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("stddev", stddev);
        c.put("seed", seed);
        return c;
    }
}
