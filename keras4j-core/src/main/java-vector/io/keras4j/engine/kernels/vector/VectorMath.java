package io.keras4j.engine.kernels.vector;

import io.keras4j.engine.FastMath;
import io.keras4j.engine.kernels.GateActivation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The recurrent gates' activations over arrays: tanh and sigmoid in vectors, each lane the same
 * bits as {@link FastMath#tanh} and {@link FastMath#sigmoid} (the tails run those), whatever the
 * JIT has done so far.
 *
 * <p>Why not {@code lanewise(VectorOperators.TANH / EXP)}: compiled by C2 those call Intel's SVML
 * routines, while the same code interpreted or compiled by C1 runs the Java fallback (one
 * {@code Math.tanh} / {@code Math.exp} per lane), and the two differ in the last bit for some
 * inputs. A prediction made before C2 had compiled the gate kernel then differed from the same
 * prediction made after (an LSTM model's serial answers against its later concurrent ones:
 * 2,812 of 20,000 calls, those of 9 of the 64 inputs; and training was not bit-reproducible
 * from one JVM to the next). Here every step is a float {@code +}, {@code *}, {@code /}, a
 * comparison, a blend or an integer operation on the bits, which Java defines exactly in every
 * tier.
 *
 * <p>The loops take arrays, not vectors: no vector crosses a call (see {@link VectorKernels} on
 * boxing), and {@code exp} is written out in each loop for that reason.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;
    // FastMath.exp's constants (Cephes expf)
    private static final float LOG2E = 1.44269504088896341f;
    private static final float C1 = 0.693359375f, C2 = -2.12194440e-4f;
    private static final float HIGH = 88.72283905206835f;
    private static final float LN_MIN_NORMAL = -87.33654475f;
    private static final float ROUNDER = 12582912f; // 1.5 * 2^23
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float P0 = 5.0000001201E-1f, P1 = 1.6666665459E-1f, P2 = 4.1665795894E-2f,
            P3 = 8.3334519073E-3f, P4 = 1.3981999507E-3f, P5 = 1.9875691500E-4f;
    // Cephes tanhf's polynomial (|x| < 0.625)
    private static final float T0 = -5.70498872745E-3f, T1 = 2.06390887954E-2f, T2 = -5.37397155531E-2f,
            T3 = 1.33314422036E-1f, T4 = -3.33332819422E-1f;

    private VectorMath() {}

    /** Whether {@link #apply} computes {@code code} (tanh, sigmoid, linear). */
    static boolean supports(int code) {
        return code == GateActivation.TANH || code == GateActivation.SIGMOID || code == GateActivation.LINEAR;
    }

    /** {@code dst[dOff + i] = f(src[sOff + i])} for i < len, f of {@link #supports}; src may be dst (same offset). */
    static void apply(int code, float[] src, int sOff, float[] dst, int dOff, int len) {
        if (code == GateActivation.TANH) tanh(src, sOff, dst, dOff, len);
        else if (code == GateActivation.SIGMOID) sigmoid(src, sOff, dst, dOff, len);
        else if (src != dst || sOff != dOff) System.arraycopy(src, sOff, dst, dOff, len);
    }

    /** {@link FastMath#sigmoid} of each value: {@code 1 / (exp(-x) + 1)}. */
    static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i).neg();
            // exp(x) as FastMath.exp, step for step
            FloatVector t = x.mul(LOG2E).add(ROUNDER);
            FloatVector fn = t.sub(ROUNDER);
            FloatVector r = x.sub(fn.mul(C1)).sub(fn.mul(C2));
            FloatVector r2 = r.mul(r);
            FloatVector p = r.mul(P1).add(P0).add(r.mul(P3).add(P2).mul(r2)).add(r.mul(P5).add(P4).mul(r2.mul(r2)));
            p = p.mul(r2).add(r).add(1f);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS);
            IntVector h = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, HIGH));
            e = e.blend(0f, x.compare(VectorOperators.LT, LN_MIN_NORMAL));
            ONE.div(e.add(1f)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) dst[dOff + i] = FastMath.sigmoid(src[sOff + i]);
    }

    /** {@link FastMath#tanh} of each value. */
    static void tanh(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, src, sOff + i);
            FloatVector a = v.abs();
            // below 0.625: the polynomial
            FloatVector z = v.mul(v);
            FloatVector small = z.mul(T0).add(T1).mul(z).add(T2).mul(z).add(T3).mul(z).add(T4).mul(z).mul(v).add(v);
            // else (1 - e) / (1 + e), e = exp(x) with x = -2|v|, as FastMath.exp
            FloatVector x = a.mul(-2f);
            FloatVector t = x.mul(LOG2E).add(ROUNDER);
            FloatVector fn = t.sub(ROUNDER);
            FloatVector r = x.sub(fn.mul(C1)).sub(fn.mul(C2));
            FloatVector r2 = r.mul(r);
            FloatVector p = r.mul(P1).add(P0).add(r.mul(P3).add(P2).mul(r2)).add(r.mul(P5).add(P4).mul(r2.mul(r2)));
            p = p.mul(r2).add(r).add(1f);
            IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS);
            IntVector h = n.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(n.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e = e.blend(0f, x.compare(VectorOperators.LT, LN_MIN_NORMAL)); // x <= 0: never above exp's range
            FloatVector big = ONE.sub(e).div(ONE.add(e));
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            big.blend(small, a.compare(VectorOperators.LT, 0.625f)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) dst[dOff + i] = FastMath.tanh(src[sOff + i]);
    }

    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
}
