package io.keras4j.spark;

import io.keras4j.models.Model;
import java.util.UUID;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained keras4j model as a Spark ML {@link Transformer}, to end a {@code Pipeline}: adds
 * {@code outputCol} ({@code array<float>}, default {@code "prediction"}) computed from
 * {@code inputCol} (default {@code "features"}) by {@link SparkModel#predict}.
 *
 * <pre>{@code
 * Pipeline p = new Pipeline().setStages(new PipelineStage[] {
 *         new VectorAssembler().setInputCols(cols).setOutputCol("features"),
 *         new KerasTransformer(model)});
 * Dataset<Row> scored = p.fit(df).transform(df);
 * }</pre>
 *
 * Not persistable with Spark ML's writers (keras4j has no model file format yet).
 */
public final class KerasTransformer extends Transformer {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final transient Model model;
    private String inputCol = "features", outputCol = "prediction";

    public KerasTransformer(Model model) {
        this(model, "keras4j_" + UUID.randomUUID().toString().substring(0, 12));
    }

    private KerasTransformer(Model model, String uid) {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        this.model = model;
        this.uid = uid;
    }

    public KerasTransformer setInputCol(String col) {
        this.inputCol = col;
        return this;
    }

    public KerasTransformer setOutputCol(String col) {
        this.outputCol = col;
        return this;
    }

    public String getInputCol() {
        return inputCol;
    }

    public String getOutputCol() {
        return outputCol;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return new SparkModel(model).predict((Dataset<Row>) dataset.toDF(), inputCol, outputCol);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Column.kindOf(schema, inputCol);
        for (String f : schema.fieldNames()) {
            if (f.equals(outputCol)) throw new IllegalArgumentException("column '" + outputCol + "' already exists");
        }
        return schema.add(outputCol, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    }

    @Override
    public KerasTransformer copy(ParamMap extra) {
        return new KerasTransformer(model, uid).setInputCol(inputCol).setOutputCol(outputCol);
    }

    @Override
    public String uid() {
        return uid;
    }
}
