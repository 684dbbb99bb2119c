package io.keras4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Each training row's sample weight, read where the row is read: from a number column (Keras's
 * {@code sample_weight}), or the weight of the row's class (Keras's {@code class_weight}: the
 * class is the rounded id of a number label, or the argmax of a one-hot row; classes missing from
 * the map weigh 1), as {@code fit} maps them. Weights scale each sample's loss; the loss is still
 * divided by the number of rows.
 */
final class Weighting implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Column column;
    private final HashMap<Integer, Double> classWeight;

    private Weighting(Column column, Map<Integer, Double> classWeight) {
        this.column = column;
        this.classWeight = classWeight == null ? null : new HashMap<>(classWeight);
    }

    /**
     * The weighting of a fit, or null for none: {@code weightCol} is field {@code index} of
     * {@code schema}; class weights need targets of one value or one row of classes per sample.
     */
    static Weighting of(StructType schema, String weightCol, int index, Map<Integer, Double> classWeight, int[] yRowShape) {
        if (weightCol != null && classWeight != null) {
            throw new IllegalArgumentException("SparkModel.fit: class_weight and a sample weight column ('" + weightCol
                    + "') cannot be used at the same time");
        }
        if (weightCol != null) {
            Column c = Column.of(schema, weightCol, index, 1);
            if (c.kind != Column.Kind.NUMBER) {
                throw new IllegalArgumentException("SparkModel.fit: the sample weight column '" + weightCol
                        + "' must hold numbers, got " + schema.apply(weightCol).dataType().simpleString());
            }
            return new Weighting(c, null);
        }
        if (classWeight != null) {
            if (yRowShape.length > 1) {
                throw new IllegalArgumentException("SparkModel.fit: class_weight needs targets of shape (n,), (n, 1) or (n, classes), got "
                        + "rows of shape " + Arrays.toString(yRowShape));
            }
            return new Weighting(null, classWeight);
        }
        return null;
    }

    /** The weight of row {@code row} of partition {@code p}, whose target values are {@code y[yOff, yOff+yLen)}. */
    float weight(Row r, int p, long row, float[] y, int yOff, int yLen) {
        if (column != null) {
            float[] w = new float[1];
            column.read(r, p, row, w, 0);
            if (!Float.isFinite(w[0])) {
                throw new IllegalArgumentException("column '" + column.name + "': row " + row + " of partition " + p
                        + " is " + w[0] + "; sample weights must be finite");
            }
            return w[0];
        }
        int cls;
        if (yLen == 1) {
            cls = (int) Math.rint(y[yOff]);
        } else {
            cls = 0;
            for (int j = 1; j < yLen; j++) if (y[yOff + j] > y[yOff + cls]) cls = j;
        }
        return (float) (double) classWeight.getOrDefault(cls, 1.0);
    }
}
