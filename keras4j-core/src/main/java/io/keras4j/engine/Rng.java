package io.keras4j.engine;

import java.util.SplittableRandom;

/**
 * The one global random stream behind {@code NDArray.randn}, the initializers, shuffling and
 * dropout, reseeded by {@code Utils.setRandomSeed} (as {@code keras.utils.set_random_seed} seeds
 * Python, numpy and the backend at once). Internal.
 */
public final class Rng {
    // SplittableRandom mixes its seed (SplitMix64), so seeds 0, 1, 2, ... give unrelated streams;
    // java.util.Random's first draws for nearby seeds are correlated, which made whole runs of
    // consecutive seeds start from similar (and similarly bad) initial weights.
    private static SplittableRandom random = new SplittableRandom();

    private Rng() {}

    public static synchronized void seed(long seed) {
        random = new SplittableRandom(seed);
    }

    public static synchronized double nextGaussian() {
        return random.nextGaussian();
    }

    /** Uniform in [0, 1). */
    public static synchronized double nextDouble() {
        return random.nextDouble();
    }

    public static synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Fisher-Yates shuffle of {@code a[0..n)} in place, without allocating. */
    public static synchronized void shuffle(int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
    /** Fills {@code a[off .. off+len)} with uniform values in [0, 1): one lock for the whole run (dropout masks). */
    public static synchronized void uniform(float[] a, int off, int len) {
        uniform(random, a, off, len);
    }

    /** Fills {@code a[off .. off+len)} with standard normal values (Gaussian noise). */
    public static synchronized void gaussian(float[] a, int off, int len) {
        gaussian(random, a, off, len);
    }

    /** {@link #uniform(float[], int, int)} from a stream of one's own (a layer's {@code seed=}). */
    public static void uniform(SplittableRandom r, float[] a, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) a[i] = (float) r.nextDouble();
    }

    /** {@link #gaussian(float[], int, int)} from a stream of one's own (a layer's {@code seed=}). */
    public static void gaussian(SplittableRandom r, float[] a, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) a[i] = (float) r.nextGaussian();
    }
}
