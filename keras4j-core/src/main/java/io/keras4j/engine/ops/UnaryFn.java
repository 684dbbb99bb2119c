package io.keras4j.engine.ops;

/** An element-wise function and its derivative, for {@link Unary}. */
public interface UnaryFn {
    /** y = f(x). */
    float apply(float x);

    /** f'(x), given x and y = f(x) (whichever is cheaper to use). */
    float derivative(float x, float y);

    /** A derivative as a lambda. */
    @FunctionalInterface
    interface Derivative {
        float at(float x, float y);
    }
}
