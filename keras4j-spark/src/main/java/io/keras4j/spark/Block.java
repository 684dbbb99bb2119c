package io.keras4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * One partition's samples as flat float arrays, row-major: {@code x} holds {@code n} feature rows,
 * {@code y} {@code n} target rows. Training reads rows straight from these, cached once per fit.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition, n;
    final float[] x, y;

    private Block(int partition, int n, float[] x, float[] y) {
        this.partition = partition;
        this.n = n;
        this.x = x;
        this.y = y;
    }

    /** Reads every row of partition {@code p}; {@code label} may be null (features only). */
    static Block read(int p, Iterator<Row> rows, Column features, Column label) {
        int xl = features.length, yl = label == null ? 0 : label.length;
        float[] x = new float[16 * xl], y = new float[16 * yl];
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if ((n + 1) * xl > x.length) x = Arrays.copyOf(x, Math.max(2 * x.length, (n + 1) * xl));
            if ((n + 1) * yl > y.length) y = Arrays.copyOf(y, Math.max(2 * y.length, (n + 1) * yl));
            features.read(r, p, n, x, n * xl);
            if (label != null) label.read(r, p, n, y, n * yl);
            n++;
        }
        return new Block(p, n, Arrays.copyOf(x, n * xl), Arrays.copyOf(y, n * yl));
    }

    /** Rows {@code local[0..k)} gathered in that order into fresh arrays {x, y}. */
    float[][] gather(int[] local, int k) {
        int xl = n == 0 ? 0 : x.length / n, yl = n == 0 ? 0 : y.length / n;
        float[] gx = new float[k * xl], gy = new float[k * yl];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x, local[i] * xl, gx, i * xl, xl);
            System.arraycopy(y, local[i] * yl, gy, i * yl, yl);
        }
        return new float[][] {gx, gy};
    }
}
