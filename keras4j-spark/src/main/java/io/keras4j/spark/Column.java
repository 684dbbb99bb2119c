package io.keras4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one column of a row as a sample's float values: a number, an array of numbers
 * ({@code array<float>}, {@code array<double>}, ..., nested arrays flattened row-major) or a Spark
 * ML {@code Vector} (dense or sparse). Every row must give exactly {@link #length} values; a null
 * or a wrong length fails with a message naming the column, the partition and the length.
 */
final class Column implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { NUMBER, ARRAY, VECTOR }

    final String name;
    final Kind kind;
    final int length;
    private final int index;

    private Column(String name, Kind kind, int length, int index) {
        this.name = name;
        this.kind = kind;
        this.length = length;
        this.index = index;
    }

    /** The kind of column {@code name} of {@code schema}, checked to be numeric data. */
    static Kind kindOf(StructType schema, String name) {
        if (name == null) throw new IllegalArgumentException("the column name must not be null");
        StructField f;
        try {
            f = schema.apply(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no column '" + name + "' in " + schema.simpleString());
        }
        DataType t = f.dataType();
        if (t instanceof NumericType) return Kind.NUMBER;
        if (t instanceof VectorUDT) return Kind.VECTOR;
        DataType e = t;
        while (e instanceof ArrayType a) e = a.elementType();
        if (e != t && e instanceof NumericType) return Kind.ARRAY;
        throw new IllegalArgumentException("column '" + name + "' has type " + t.simpleString()
                + "; expected a number, an array of numbers or a Spark ML Vector");
    }

    /** A reader of field {@code index} of rows, expecting {@code length} values per row. */
    static Column of(StructType schema, String name, int index, int length) {
        return new Column(name, kindOf(schema, name), length, index);
    }

    /** Writes the row's values into {@code dst} from {@code off}. */
    void read(Row row, int partition, long rowInPartition, float[] dst, int off) {
        Object v = row.get(index);
        if (v == null) throw bad(partition, rowInPartition, "is null");
        switch (kind) {
            case NUMBER -> {
                if (length != 1) throw bad(partition, rowInPartition, "has length 1, expected " + length);
                dst[off] = ((Number) v).floatValue();
            }
            case VECTOR -> {
                Vector vec = (Vector) v;
                if (vec.size() != length) throw bad(partition, rowInPartition, "has length " + vec.size() + ", expected " + length);
                double[] d = vec.toArray();
                for (int i = 0; i < length; i++) dst[off + i] = (float) d[i];
            }
            default -> {
                List<?> list = row.getList(index);
                int n = flatLength(list, partition, rowInPartition);
                if (n != length) throw bad(partition, rowInPartition, "has length " + n + ", expected " + length);
                flatten(list, dst, off);
            }
        }
    }

    private int flatLength(List<?> list, int partition, long r) {
        int n = 0;
        for (Object o : list) {
            if (o == null) throw bad(partition, r, "holds a null");
            n += o instanceof Number ? 1 : flatLength(asList(o), partition, r);
        }
        return n;
    }

    private static int flatten(List<?> list, float[] dst, int off) {
        for (Object o : list) {
            if (o instanceof Number x) dst[off++] = x.floatValue();
            else off = flatten(asList(o), dst, off);
        }
        return off;
    }

    private static List<?> asList(Object o) {
        if (o instanceof List<?> l) return l;
        if (o instanceof scala.collection.Seq<?> s) return scala.jdk.javaapi.CollectionConverters.asJava(s);
        throw new IllegalArgumentException("unexpected array element " + o.getClass().getName());
    }

    private IllegalArgumentException bad(int partition, long row, String what) {
        return new IllegalArgumentException("column '" + name + "': row " + row + " of partition " + partition + " " + what);
    }
}
