package io.keras4j.initializers;

/** {@code keras.initializers.Initializer}: fills a new weight of a given shape. */
public interface Initializer {
    /** Fills {@code w[0 .. prod(shape))} with initial values. */
    void fill(float[] w, int[] shape);

    /** Keras's fan-in and fan-out: for a kernel {@code (..., in, out)} the receptive field times in / out. */
    static double[] fans(int[] shape) {
        if (shape.length == 0) return new double[] {1, 1};
        if (shape.length == 1) return new double[] {shape[0], shape[0]};
        double receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) receptive *= shape[i];
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }
}
