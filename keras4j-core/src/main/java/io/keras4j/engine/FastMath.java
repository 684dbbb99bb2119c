package io.keras4j.engine;

/**
 * float32 {@code exp} and {@code log} within about 1 ulp (the Cephes {@code expf}/{@code logf}
 * polynomials), several times cheaper than {@link Math#exp}/{@link Math#log} in double.
 * The losses and softmax of a small network spend most of their time here.
 */
public final class FastMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float C1 = 0.693359375f, C2 = -2.12194440e-4f;
    private static final float LN_MIN_NORMAL = -87.33654475f; // ln(2^-126)
    private static final float ROUNDER = 12582912f; // 1.5 * 2^23
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final int SQRTHF_BITS = Float.floatToRawIntBits(0.707106781186547524f);

    private FastMath() {}

    /**
     * e^x in float32; +Infinity above 88.72, NaN for NaN, and 0 below ln(Float.MIN_NORMAL) =
     * -87.34: a result that would be subnormal is flushed to zero, as TensorFlow's CPU kernels
     * do (they run in flush-to-zero mode). Java cannot set that mode, and on x86 every operation
     * with a subnormal result or operand takes a microcode assist: a trained XOR network's
     * softmax sees a few such rows per batch, each costing about 50 ns (measured: 100 softmax rows
     * with 4 % subnormal outputs took 1075 ns, all normal 867 ns).
     */
    public static float exp(float x) {
        if (x > 88.72283905206835f) return x != x ? x : Float.POSITIVE_INFINITY;
        if (x < LN_MIN_NORMAL) return 0f;
        // n = x / ln 2 rounded to nearest: adding 1.5 * 2^23 leaves the integer in the low bits
        // (|x / ln 2| < 2^22 here), with no float-double-float round trip through Math.floor
        float t = x * LOG2E + ROUNDER;
        int n = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float fn = t - ROUNDER;
        float r = x - fn * C1 - fn * C2;
        // Cephes's polynomial in Estrin's form: half the dependent steps of Horner's (a softmax
        // row waits on this chain), within an ulp of it
        float r2 = r * r;
        float p = (5.0000001201E-1f + 1.6666665459E-1f * r) + (4.1665795894E-2f + 8.3334519073E-3f * r) * r2
                + (1.3981999507E-3f + 1.9875691500E-4f * r) * (r2 * r2);
        p = p * r2 + r + 1f;
        // 2^n, split in two factors so that n = 128 (x near 88.72) does not overflow the exponent field
        int h = n >> 1;
        return p * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((n - h + 127) << 23);
    }

    /**
     * The logistic sigmoid {@code 1 / (1 + e^-x)} in float32 on {@link #exp}: the scalar twin,
     * bit for bit, of the vector kernels' sigmoid (their tails and their test oracle).
     */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    /**
     * tanh in float32 within a few ulps: Cephes's {@code tanhf} polynomial below |x| = 0.625,
     * else {@code (1 - e) / (1 + e)} with {@code e = exp(-2|x|)} from {@link #exp}, and x's sign.
     * Only float arithmetic, so every JIT tier computes the same bits: the scalar twin, bit for
     * bit, of the vector kernels' tanh (the Vector API's own {@code TANH} and {@code EXP} are not:
     * compiled by C2 they call Intel's SVML, interpreted or from C1 they call {@code Math}, and
     * the two differ in the last bit for some inputs, so a result depended on whether the code
     * had been compiled yet).
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        if (a < 0.625f) {
            float z = x * x;
            return ((((-5.70498872745E-3f * z + 2.06390887954E-2f) * z - 5.37397155531E-2f) * z + 1.33314422036E-1f) * z
                    - 3.33332819422E-1f) * z * x + x;
        }
        float e = exp(-2f * a);
        float t = (1f - e) / (1f + e);
        return x < 0f ? -t : t;
    }

    /**
     * 1 if {@code a > b}, else 0 (also when either is NaN), without a branch on the values: C2
     * compiles a comparison of floats that feeds a select into a conditional jump, which
     * mispredicts about half the time where the outcome is data (which of two classes wins).
     * {@code b - a} is negative exactly when {@code a > b} (a difference of distinct floats is
     * never zero); adding 0 turns the -0 of {@code -0 - +0} into +0; NaN, never seen in practice,
     * is the one branch left.
     */
    public static int greater(float a, float b) {
        float d = (b - a) + 0f;
        return d != d ? 0 : Float.floatToRawIntBits(d) >>> 31;
    }

    /** {@code mask == -1 ? a : b} for a mask of -1 or 0, on the bits: no branch on the values. */
    public static float select(int mask, float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & mask) | (Float.floatToRawIntBits(b) & ~mask));
    }

    /** Natural logarithm in float32; -Infinity at 0, NaN below 0. */
    public static float log(float x) {
        if (!(x > 0f) || x == Float.POSITIVE_INFINITY) {
            return x == 0f ? Float.NEGATIVE_INFINITY : x == Float.POSITIVE_INFINITY ? x : Float.NaN;
        }
        int bits = Float.floatToRawIntBits(x);
        int e;
        if (bits < 0x00800000) { // subnormal: scale into the normal range first
            x *= 16777216f;
            bits = Float.floatToRawIntBits(x);
            e = ((bits >>> 23) & 0xff) - 126 - 24;
        } else {
            e = ((bits >>> 23) & 0xff) - 126;
        }
        int mb = (bits & 0x007fffff) | 0x3f000000; // mantissa in [0.5, 1)
        // below sqrt(1/2): double the mantissa and take 1 from the exponent, without a branch (the
        // comparison is data: as a branch it mispredicts half the time); positive floats order as ints
        int lo = (mb - SQRTHF_BITS) >> 31; // -1 when m < sqrt(1/2), else 0
        e += lo;
        float m = Float.intBitsToFloat(mb + (lo & 0x00800000)) - 1f;
        float z = m * m, z2 = z * z;
        // Cephes's polynomial in Estrin's form (see exp)
        float y = ((3.3333331174E-1f - 2.4999993993E-1f * m) + (2.0000714765E-1f - 1.6668057665E-1f * m) * z
                + ((1.4249322787E-1f - 1.2420140846E-1f * m) + (1.1676998740E-1f - 1.1514610310E-1f * m) * z) * z2
                + 7.0376836292E-2f * (z2 * z2)) * m * z;
        float fe = e;
        y += C2 * fe;
        y -= 0.5f * z;
        return m + y + C1 * fe;
    }
}
