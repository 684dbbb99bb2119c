package io.keras4j.spark;


import io.keras4j.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local Spark session for the module's tests, and DataFrames made of arrays. */
final class SparkTestSupport {
    private static SparkSession spark;

    private SparkTestSupport() {}

    /** {@code local[3,2]}: three threads, a failed task is tried twice (for the retry test). */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[3,2]").appName("keras4j-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "3")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
        }
        return spark;
    }

    /** Rows {@code (features array<float>, label array<float>)} of {@code x} and {@code y}, in order, over {@code parts} partitions. */
    static Dataset<Row> frame(NDArray x, NDArray y, int parts) {
        int n = x.shape()[0];
        float[] xs = x.toFloatArray(), ys = y.toFloatArray();
        int xl = xs.length / n, yl = ys.length / n;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(Arrays.copyOfRange(xs, i * xl, (i + 1) * xl), Arrays.copyOfRange(ys, i * yl, (i + 1) * yl)));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.createArrayType(DataTypes.FloatType));
        return frame(rows, schema, parts);
    }

    static Dataset<Row> frame(List<Row> rows, StructType schema, int parts) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(rows, parts), schema);
    }

    static List<Float> toList(float[] a, int off, int len) {
        List<Float> l = new ArrayList<>(len);
        for (int i = 0; i < len; i++) l.add(a[off + i]);
        return l;
    }
}
