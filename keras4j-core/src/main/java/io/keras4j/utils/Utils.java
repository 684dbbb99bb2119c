package io.keras4j.utils;

import io.keras4j.engine.Rng;

/** {@code keras.utils}: helpers a notebook uses. */
public final class Utils {
    private Utils() {}

    /**
     * Seeds every random stream keras4j uses: {@code NDArray.randn}, weight initializers, the
     * shuffling of {@code fit} and dropout, as {@code keras.utils.set_random_seed(seed)} does.
     */
    public static void setRandomSeed(long seed) {
        Rng.seed(seed);
    }
}
