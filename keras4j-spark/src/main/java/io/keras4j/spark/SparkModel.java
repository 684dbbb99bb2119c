package io.keras4j.spark;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.losses.Loss;
import io.keras4j.models.DistributedStep;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A keras4j model trained and applied over a Spark {@code DataFrame}: data-parallel training
 * ({@link #fit}) and batch inference ({@link #predict}). The model lives on the driver and is
 * trained in place, as {@code model.fit} would; executors get copies rebuilt from each layer's
 * config and the weights.
 *
 * <pre>{@code
 * SparkModel sm = new SparkModel(model);                  // mode "synchronous"
 * History h = sm.fit(df, "features", "label", new FitOptions().epochs(5).batchSize(64));
 * Dataset<Row> scored = sm.predict(test, "features");     // adds "prediction": array<float>
 * }</pre>
 *
 * <p>Data: the features column holds {@code array<float>}, {@code array<double>} (nested arrays
 * are flattened row-major) or a Spark ML {@code Vector}, with as many values per row as the
 * model's input shape has; the label column a number (class ids of sparse losses, or a single
 * target) or an array. The data order is the DataFrame's: partition order, then row order. A row
 * with a null or the wrong number of values fails the job with a message naming the column, the
 * partition and the length.
 *
 * <p>Modes: {@code "synchronous"} (the default): each optimizer step is one global batch, its
 * gradient summed over the partitions on the cluster and applied once on the driver: the same
 * math as {@code fit} on one machine with the same batch size and order (see {@link SynchronousFit}).
 * {@code "averaging"}: each partition trains its shard with {@code fit} and the driver averages
 * the weights and optimizer state every {@link #averagingFrequency} steps (see {@link AveragingFit}).
 * Sample weights come from a column ({@link #fit(Dataset, String, String, String, FitOptions)}),
 * class weights from {@code FitOptions.classWeight}.
 * Supported: Sequential models whose layers have {@code fromConfig}, losses with their default
 * settings; not supported: {@code stepsPerEpoch}.
 */
public final class SparkModel {
    private final Model model;
    private String mode = "synchronous";
    private int averagingFrequency = 5;

    public SparkModel(Model model) {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        this.model = model;
    }

    /** The driver's model, trained in place by {@link #fit}. */
    public Model model() {
        return model;
    }

    /** {@code "synchronous"} (default) or {@code "averaging"} (see {@link AveragingFit}). */
    public SparkModel mode(String mode) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("synchronous") && !m.equals("averaging")) {
            throw new IllegalArgumentException("mode must be \"synchronous\" or \"averaging\", got " + mode);
        }
        this.mode = m;
        return this;
    }

    public String getMode() {
        return mode;
    }

    /** Steps between two averagings of the weights in {@code "averaging"} mode (default 5). */
    public SparkModel averagingFrequency(int steps) {
        if (steps < 1) throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + steps);
        this.averagingFrequency = steps;
        return this;
    }

    public int getAveragingFrequency() {
        return averagingFrequency;
    }

    /**
     * Trains the model on {@code data}: epochs, batch size, shuffle, validation (data or split),
     * callbacks and verbosity from {@code options} as in {@code fit}. Returns the History.
     */
    public History fit(Dataset<Row> data, String featuresCol, String labelCol, FitOptions options) {
        return fit(data, featuresCol, labelCol, null, options);
    }

    /**
     * {@link #fit(Dataset, String, String, FitOptions)} with each row's loss weighted by the number
     * in column {@code weightCol} (Keras's {@code sample_weight}; null: unweighted): the batch loss
     * is {@code sum(weight * loss) / rows}, as {@code fit} with {@code FitOptions.sampleWeight}.
     * {@code FitOptions.classWeight} works with either {@code fit}, not with a weight column.
     */
    public History fit(Dataset<Row> data, String featuresCol, String labelCol, String weightCol, FitOptions options) {
        if (data == null) throw new IllegalArgumentException("fit: data must not be null");
        if (options == null) throw new IllegalArgumentException("FitOptions must not be null");
        if (model.getOptimizer() == null) {
            throw new IllegalStateException("You must call compile() before fit() on " + model);
        }
        if (options.sampleWeight() != null) {
            throw new IllegalArgumentException("SparkModel.fit: give the sample weights as a column of the DataFrame, "
                    + "fit(data, featuresCol, labelCol, weightCol, options), not as FitOptions.sampleWeight");
        }
        if (options.stepsPerEpoch() != null) {
            throw new IllegalArgumentException("SparkModel.fit: stepsPerEpoch is not supported; an epoch is every batch of the data");
        }
        StructType schema = data.schema();
        Column.Kind labelKind = Column.kindOf(schema, labelCol);
        int[] feat = ensureBuilt(data, featuresCol);
        int[] yRowShape = targetShape(labelKind);
        int featLen = product(feat), yLen = product(yRowShape);
        ModelSpec spec = ModelSpec.of(model, true);
        if (weightCol != null) Column.kindOf(schema, weightCol);
        Dataset<Row> xy = weightCol == null ? data.select(featuresCol, labelCol) : data.select(featuresCol, labelCol, weightCol);
        StructType s2 = xy.schema();
        Column fc = Column.of(s2, featuresCol, 0, featLen), lc = Column.of(s2, labelCol, 1, yLen);
        Weighting wt = Weighting.of(s2, weightCol, 2, options.classWeight(), yRowShape);
        JavaRDD<Block> blocks = xy.javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(Block.read(p, it, fc, lc, wt)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Integer> counts = unwrap(() -> blocks.map(b -> b.n).collect()); // reads and checks every row once
            long[] offsets = new long[counts.size()];
            long n = 0;
            for (int i = 0; i < counts.size(); i++) {
                offsets[i] = n;
                n += counts.get(i);
            }
            if (n == 0) throw new IllegalArgumentException("fit: the DataFrame has no rows");
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
            long total = n;
            if (mode.equals("averaging")) {
                return unwrap(() -> AveragingFit.fit(jsc, model, blocks, counts, spec, yRowShape, options, averagingFrequency));
            }
            return unwrap(() -> SynchronousFit.fit(jsc, model, blocks, offsets, total, spec, yRowShape, options));
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * The rows of {@code data} with a {@code prediction} column ({@code array<float>}, the model's
     * output for the row, flattened) added by {@code mapPartitions}; the model is broadcast once
     * and each executor keeps its copies across tasks. Lazy, as every DataFrame transformation.
     */
    public Dataset<Row> predict(Dataset<Row> data, String featuresCol) {
        return predict(data, featuresCol, "prediction");
    }

    /** {@link #predict(Dataset, String)} into a column named {@code outputCol}. */
    public Dataset<Row> predict(Dataset<Row> data, String featuresCol, String outputCol) {
        if (data == null) throw new IllegalArgumentException("predict: data must not be null");
        StructType schema = data.schema();
        if (Arrays.asList(schema.fieldNames()).contains(outputCol)) {
            throw new IllegalArgumentException("predict: the DataFrame already has a column '" + outputCol + "'");
        }
        int[] feat = ensureBuilt(data, featuresCol);
        ModelSpec spec = ModelSpec.of(model, false);
        SparkSession spark = data.sparkSession();
        Broadcast<ModelSpec> specB = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(spec);
        Column fc = Column.of(schema, featuresCol, schema.fieldIndex(featuresCol), product(feat));
        int[] shape = feat.clone();
        JavaRDD<Row> out = data.javaRDD().mapPartitionsWithIndex(
                (p, it) -> new PredictIterator(p, it, fc, shape, specB), true);
        StructType s2 = schema.add(outputCol, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.createDataFrame(out, s2);
    }

    /** Rows with their predictions appended, computed 1024 rows at a time with a cached copy of the model. */
    private static final class PredictIterator implements Iterator<Row> {
        private static final int CHUNK = 1024;
        private final int partition;
        private final Iterator<Row> rows;
        private final Column features;
        private final int[] shape;
        private final Broadcast<ModelSpec> spec;
        private final List<Row> chunk = new ArrayList<>();
        private float[] pred;
        private int next, predRow;
        private long seen;

        PredictIterator(int partition, Iterator<Row> rows, Column features, int[] shape, Broadcast<ModelSpec> spec) {
            this.partition = partition;
            this.rows = rows;
            this.features = features;
            this.shape = shape;
            this.spec = spec;
        }

        @Override public boolean hasNext() {
            if (next < chunk.size()) return true;
            if (!rows.hasNext()) return false;
            fill();
            return true;
        }

        @Override public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            Row r = chunk.get(next);
            Object[] v = new Object[r.length() + 1];
            for (int i = 0; i < r.length(); i++) v[i] = r.get(i);
            v[r.length()] = Arrays.copyOfRange(pred, next * predRow, (next + 1) * predRow);
            next++;
            return RowFactory.create(v);
        }

        private void fill() {
            chunk.clear();
            next = 0;
            int len = features.length;
            float[] x = new float[CHUNK * len];
            while (chunk.size() < CHUNK && rows.hasNext()) {
                Row r = rows.next();
                features.read(r, partition, seen++, x, chunk.size() * len);
                chunk.add(r);
            }
            int k = chunk.size();
            int[] s = new int[shape.length + 1];
            s[0] = k;
            System.arraycopy(shape, 0, s, 1, shape.length);
            ModelSpec m = spec.value();
            String key = m.id + "/predict";
            Sequential copy = Workers.borrow(key, () -> {
                Sequential c = m.newModel();
                m.setWeights(c);
                return c;
            });
            try {
                pred = copy.predict(NDArray.of(Arrays.copyOf(x, k * len), s)).toFloatArray();
            } finally {
                Workers.giveBack(key, copy);
            }
            predRow = pred.length / k;
        }
    }

    /** Builds the model for the features' length when its input shape is unknown; returns the input shape. */
    private int[] ensureBuilt(Dataset<Row> data, String featuresCol) {
        Column.Kind kind = Column.kindOf(data.schema(), featuresCol);
        int[] out = DistributedStep.outputShapeOf(model);
        if (out != null) return ((Sequential) model).inputShape();
        if (!(model instanceof Sequential)) throw new IllegalArgumentException("SparkModel supports Sequential models, got " + model);
        Row first = data.select(featuresCol).first();
        int len;
        if (kind == Column.Kind.NUMBER) len = 1;
        else if (kind == Column.Kind.VECTOR) len = ((org.apache.spark.ml.linalg.Vector) first.get(0)).size();
        else len = first.getList(0).size();
        model.predict(NDArray.zeros(1, len)); // builds it as fit would
        return new int[] {len};
    }

    /** The target shape of one row: {@code ()} for a number, else the predictions' (last axis 1 for class ids). */
    private int[] targetShape(Column.Kind labelKind) {
        if (labelKind == Column.Kind.NUMBER) return new int[0];
        int[] out = DistributedStep.outputShapeOf(model);
        Loss loss = DistributedStep.lossOf(model);
        int c = out[out.length - 1];
        int[] y = out.clone();
        y[y.length - 1] = loss.targetWidth(c);
        return y;
    }

    private static int product(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }

    /**
     * Runs a Spark action, turning a job failed by bad data (an IllegalArgumentException in a
     * task, which Spark wraps in a SparkException) back into that IllegalArgumentException.
     */
    private static <T> T unwrap(java.util.concurrent.Callable<T> action) {
        try {
            return action.call();
        } catch (SparkException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) throw new IllegalArgumentException(iae.getMessage(), e);
            }
            String m = String.valueOf(e.getMessage());
            int i = m.indexOf("IllegalArgumentException: ");
            if (i >= 0) {
                String msg = m.substring(i + "IllegalArgumentException: ".length());
                int nl = msg.indexOf('\n');
                throw new IllegalArgumentException(nl >= 0 ? msg.substring(0, nl) : msg, e);
            }
            throw new RuntimeException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
