package io.keras4j.constraints;

import java.util.Arrays;

/**
 * The norm-based constraints: {@code w * desired(norms) / (epsilon + norms)} with
 * {@code norms = sqrt(sum(w^2, axis, keepdims=True))}, epsilon = 1e-7 (Keras's
 * {@code backend.epsilon()}). The axes (negative ones count from the end) are those reduced:
 * {@code axis=0} of a Dense kernel {@code (in, units)} is the norm of each unit's incoming weights;
 * for a Conv2D kernel {@code (h, w, in, out)} Keras suggests {@code axis=[0, 1, 2]}.
 */
abstract class NormConstraint extends Constraint {
    static final double EPSILON = 1e-7;
    protected final int[] axis;
    /** One sum of squares per slice, reused from call to call. */
    private double[] sums = new double[0];

    NormConstraint(String cls, int[] axis) {
        if (axis == null || axis.length == 0) throw new IllegalArgumentException(cls + ": axis must name at least one axis");
        this.axis = axis.clone();
    }

    /** The norm the weights of a slice with norm {@code norm} are scaled to. */
    abstract double desired(double norm);

    @Override
    public void apply(float[] w, int off, int[] shape) {
        int rank = shape.length, size = 1;
        boolean[] reduced = reducedAxes(shape);
        int groups = 1;
        for (int d = 0; d < rank; d++) {
            size *= shape[d];
            if (!reduced[d]) groups *= shape[d];
        }
        if (sums.length < groups) sums = new double[groups];
        Arrays.fill(sums, 0, groups, 0.0);
        for (int i = 0; i < size; i++) {
            double v = w[off + i];
            sums[group(i, shape, reduced)] += v * v;
        }
        for (int gi = 0; gi < groups; gi++) {
            double norm = Math.sqrt(sums[gi]);
            sums[gi] = desired(norm) / (EPSILON + norm);
        }
        for (int i = 0; i < size; i++) w[off + i] = (float) (w[off + i] * sums[group(i, shape, reduced)]);
    }

    private boolean[] reduced;
    private int[] reducedFor;

    private boolean[] reducedAxes(int[] shape) {
        if (reducedFor != null && Arrays.equals(reducedFor, shape)) return reduced;
        boolean[] r = new boolean[shape.length];
        for (int a : axis) {
            int d = a < 0 ? a + shape.length : a;
            if (d < 0 || d >= shape.length) {
                throw new IllegalArgumentException(className() + ": axis " + a + " is out of range for a weight of rank " + shape.length);
            }
            r[d] = true;
        }
        reduced = r;
        reducedFor = shape.clone();
        return r;
    }

    /** The slice of flat index {@code i}: its coordinates on the kept axes, row-major. */
    private static int group(int i, int[] shape, boolean[] reduced) {
        int g = 0, stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            int c = i % shape[d];
            i /= shape[d];
            if (!reduced[d]) {
                g += c * stride;
                stride *= shape[d];
            }
        }
        return g;
    }

    /** The axis as Keras writes it in a config: an int for one axis, else a list. */
    Object axisConfig() {
        if (axis.length == 1) return axis[0];
        return java.util.Arrays.stream(axis).boxed().collect(java.util.stream.Collectors.toList());
    }
}
