package io.keras4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * One partition's samples as flat float arrays, row-major: {@code x} holds {@code n} feature rows,
 * {@code y} {@code n} target rows, {@code w} their sample weights (null: unweighted). Training
 * reads rows straight from these, cached once per fit.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition, n;
    final float[] x, y, w;

    private Block(int partition, int n, float[] x, float[] y, float[] w) {
        this.partition = partition;
        this.n = n;
        this.x = x;
        this.y = y;
        this.w = w;
    }

    /** Reads every row of partition {@code p}; {@code label} may be null (features only). */
    static Block read(int p, Iterator<Row> rows, Column features, Column label) {
        return read(p, rows, features, label, null);
    }

    /** {@link #read(int, Iterator, Column, Column)} with each row's sample weight (null: none). */
    static Block read(int p, Iterator<Row> rows, Column features, Column label, Weighting weights) {
        int xl = features.length, yl = label == null ? 0 : label.length;
        float[] x = new float[16 * xl], y = new float[16 * yl], w = weights == null ? null : new float[16];
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if ((n + 1) * xl > x.length) x = Arrays.copyOf(x, Math.max(2 * x.length, (n + 1) * xl));
            if ((n + 1) * yl > y.length) y = Arrays.copyOf(y, Math.max(2 * y.length, (n + 1) * yl));
            features.read(r, p, n, x, n * xl);
            if (label != null) label.read(r, p, n, y, n * yl);
            if (w != null) {
                if (n + 1 > w.length) w = Arrays.copyOf(w, 2 * w.length);
                w[n] = weights.weight(r, p, n, y, n * yl, yl);
            }
            n++;
        }
        return new Block(p, n, Arrays.copyOf(x, n * xl), Arrays.copyOf(y, n * yl), w == null ? null : Arrays.copyOf(w, n));
    }

    /** Rows {@code local[0..k)} gathered in that order into fresh arrays {x, y, w} ({@code w} null when unweighted). */
    float[][] gather(int[] local, int k) {
        int xl = n == 0 ? 0 : x.length / n, yl = n == 0 ? 0 : y.length / n;
        float[] gx = new float[k * xl], gy = new float[k * yl], gw = w == null ? null : new float[k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x, local[i] * xl, gx, i * xl, xl);
            System.arraycopy(y, local[i] * yl, gy, i * yl, yl);
            if (gw != null) gw[i] = w[local[i]];
        }
        return new float[][] {gx, gy, gw};
    }
}
