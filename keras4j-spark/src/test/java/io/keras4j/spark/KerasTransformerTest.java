package io.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The model at the end of a Spark ML Pipeline (after a VectorAssembler) predicts as Model.predict. */
class KerasTransformerTest {

    @Test
    void predictsInAPipeline() {
        Sequential m = new Sequential(new Dense(5, "relu").inputDim(3), new Dense(2, "softmax"));
        List<Row> rows = new ArrayList<>();
        float[] x = new float[20 * 3];
        for (int i = 0; i < 20; i++) {
            double a = Math.sin(i), b = Math.cos(i * 0.5), c = i / 10.0;
            rows.add(RowFactory.create(a, b, c));
            x[i * 3] = (float) a;
            x[i * 3 + 1] = (float) b;
            x[i * 3 + 2] = (float) c;
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
        Dataset<Row> df = SparkTestSupport.frame(rows, schema, 2);
        Pipeline p = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features"),
                new KerasTransformer(m).setOutputCol("probs")});
        PipelineModel fitted = p.fit(df);
        List<Row> out = fitted.transform(df).collectAsList();
        float[] expect = m.predict(NDArray.of(x, 20, 3)).toFloatArray();
        assertEquals(20, out.size());
        for (int i = 0; i < 20; i++) {
            List<Float> probs = out.get(i).getList(out.get(i).fieldIndex("probs"));
            for (int j = 0; j < 2; j++) assertEquals(expect[i * 2 + j], probs.get(j), 1e-6f, "row " + i);
        }
    }
}
